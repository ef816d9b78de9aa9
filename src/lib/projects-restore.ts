import * as Comlink from 'comlink';
import type { Entries } from '../core/project/data-codec.ts';
import { resultKey } from '../core/project/model-history.ts';
import type { RunRecord } from '../core/project/run-record.ts';
import { bridge } from './bridge.ts';
import { sessionRuns } from './compare-runs.svelte.ts';
import { data } from './data.svelte.ts';
import { images } from './images.svelte.ts';
import { project } from './project.svelte.ts';
import { monitor } from './monitor.svelte.ts';
import { run } from './run.svelte.ts';
import { tune } from './tune.svelte.ts';
import type { StoredProject } from './storage.ts';

/** What putting a project back managed, for the status line. */
export interface RestoreOutcome {
  data: boolean;
  model: boolean;
  /** Why the model was not put back, when the project had one. */
  note: string | null;
}

/**
 * Puts a saved project on the page and in the worker: its spec, its data (the parsed columns),
 * its run history, and its last model as the resident trained model, so Evaluate and Deploy work
 * without retraining. The worker's previous data stays only if the project has none.
 */
export async function applyProject(stored: StoredProject, blobs: { data?: Entries; model?: Entries; history?: Entries }): Promise<RestoreOutcome> {
  ensureIdle();
  project.spec = structuredClone(stored.spec);
  run.reset();
  Object.assign(data, { profile: null, warnings: [], error: null, notice: null, setAside: null });
  images.summary = null;
  const outcome: RestoreOutcome = { data: false, model: false, note: null };
  if (blobs.data) {
    const restored = await bridge.api.restoreProjectData(transferable(blobs.data), stored.spec.data.label);
    if (restored.kind === 'table') Object.assign(data, { profile: restored.profile, warnings: restored.warnings });
    else images.summary = await bridge.api.imageSummary();
    outcome.data = true;
  }
  const shown = lastRunOf(stored);
  let info: { kind: 'table' | 'images'; fingerprint: string } | null = null;
  if (blobs.model && shown && outcome.data) {
    const restored = await bridge.api.restoreProjectModel(transferable(blobs.model), shown.result, stored.modelFingerprint);
    outcome.model = restored.ok;
    if (!restored.ok) outcome.note = `The saved model was not put back: ${restored.reason}.`;
    else {
      const r = shown.result;
      Object.assign(run, { status: 'done', result: r, history: r.history, split: r.split, backend: r.backend, epochs: r.history.length, message: `Restored from the saved project (trained ${new Date(shown.finishedAt).toLocaleString()})` });
      info = { kind: shown.kind, fingerprint: shown.dataFingerprint };
    }
  } else if (blobs.model && !outcome.data) outcome.note = 'The saved model was not put back: its data was not saved with the project.';
  const latest = stored.runs.at(-1);
  if (blobs.history && outcome.data && latest) {
    // The Monitor's history carries the model deployed last (a promoted challenger learned from more rows than the project's data).
    const h = await bridge.api.restoreModelHistory(transferable(blobs.history), resultKey(latest.result));
    if (h.ok) {
      Object.assign(run, { status: 'done', result: h.live, history: h.live.history, split: h.live.split, backend: h.live.backend, epochs: h.live.history.length, message: 'Restored from the saved project, with its model history' });
      monitor.restoreHistory(h.models, run.result!);
      Object.assign(outcome, { model: true, note: null });
      info = { kind: h.kind, fingerprint: h.fingerprint };
    } else if (!h.stale) outcome.note = `The Monitor's model history was not put back: ${h.reason}.`;
  }
  const runs = stored.runs.map((r) => ({ id: r.id, label: r.label, result: r.result, info: { kind: r.kind, fingerprint: r.dataFingerprint } }));
  sessionRuns.restore(runs, outcome.model ? run.result : null, info);
  return outcome;
}

/** Throws, saying why, while training or a load runs: putting a project back would pull the data from under it. */
export function ensureIdle(): void {
  if (run.busy || tune.busy || monitor.checking || monitor.retrainStatus === 'running' || data.loading || images.loading) {
    throw new Error('Stop the training, tuning, batch check or loading in progress first: opening a project replaces the data and the model');
  }
}

/** The latest run that trained the saved model (same data fingerprint), if any. */
function lastRunOf(stored: StoredProject): RunRecord | undefined {
  return [...stored.runs].reverse().find((r) => r.dataFingerprint === stored.modelFingerprint);
}

/** Entries posted to the worker with their buffers moved, not copied. */
function transferable(entries: Entries): Entries {
  return Comlink.transfer(entries, [...new Set(Object.values(entries).map((b) => b.buffer as ArrayBuffer))]);
}
