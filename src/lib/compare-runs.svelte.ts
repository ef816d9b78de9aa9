import type { TrainedInfo } from '../core/evaluate/explain-protocol.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import type { TrainResult } from '../core/train/protocol.ts';
import { bridge } from './bridge.ts';
import { run } from './run.svelte.ts';

/** One finished run of this session, kept as plain data for side-by-side comparison. */
export interface SessionRun {
  id: number;
  /** e.g. "Run 2 · MLP 16 · adam lr 0.02 · 60 epochs". */
  label: string;
  result: TrainResult;
  /** Kind and data fingerprint from the worker; null if the worker could not say. */
  info: TrainedInfo | null;
  /** Runs with equal keys were scored on the same rows of the same data. */
  testKey: string;
}

/** Whether two or more runs can be compared, and if not, why in one sentence. */
export function comparable(runs: readonly SessionRun[]): { ok: boolean; reason: string } {
  if (runs.length < 2) return { ok: false, reason: 'Pick two or more runs to compare.' };
  const [first, ...rest] = runs;
  if (rest.some((r) => r.info?.fingerprint !== first.info?.fingerprint)) return { ok: false, reason: 'These runs trained on different data, so their test scores are not comparable.' };
  if (rest.some((r) => r.result.task !== first.result.task)) return { ok: false, reason: 'These runs solve different tasks (classification and regression).' };
  if (rest.some((r) => r.testKey !== first.testKey)) return { ok: false, reason: 'These runs were tested on different rows (the split, its seed or the row steps differ), so their scores are not comparable.' };
  return { ok: true, reason: '' };
}

/** A short description of a run's model and training settings. */
export function specSummary(spec: PipelineSpec): string {
  const m = spec.model;
  const model = m.layers ? `${m.layers.length} custom layers` : m.preset ? m.preset : `${m.type === 'auto' ? 'auto' : m.type} ${m.hidden.join('×')}`;
  return `${model} · ${spec.train.optimizer} lr ${spec.train.learningRate} · ${spec.train.epochs} epochs${spec.augment.enabled ? ' · augmented' : ''}`;
}

/** Test rows and true labels, joined: equal only when two runs were scored on the same examples. */
function testKeyOf(result: TrainResult): string {
  return `${result.task}|${result.predictions.rows.join(',')}|${result.predictions.labels.join('\u0001')}`;
}

/** The runs trained in this browser session (never saved: they hold predictions), and which are picked. */
class SessionRuns {
  // Raw: a run holds every epoch and prediction, and is replaced, never edited; a deep proxy made saving a long run cost ~100 ms.
  runs = $state.raw<SessionRun[]>([]);
  picked = $state<number[]>([]);
  /** What the worker says about the model of the latest run (the one Evaluate shows). */
  latest = $state<TrainedInfo | null>(null);
  #seen: TrainResult | null = null;

  /** Records the run's result once, with what the worker says about its model. */
  async record(result: TrainResult): Promise<void> {
    if (result === this.#seen) return;
    this.#seen = result;
    // Already plain: run.result is raw state holding the worker's posted result, never edited.
    const plainResult = result;
    this.latest = null;
    const info = await bridge.api.trainedInfo().catch(() => null);
    this.latest = info;
    const id = (this.runs.at(-1)?.id ?? 0) + 1;
    const label = `Run ${id} · ${specSummary(plainResult.spec)}${plainResult.stopped ? ' (stopped)' : ''}`;
    this.runs = [...this.runs, { id, label, result: plainResult, info, testKey: testKeyOf(plainResult) }];
  }

  /**
   * Puts back the runs a saved project kept. `shown` is the result the Train panel shows again (it
   * is not recorded twice); `info` describes the resident model when one was put back.
   */
  restore(runs: Omit<SessionRun, 'testKey'>[], shown: TrainResult | null, info: TrainedInfo | null): void {
    this.#seen = shown;
    this.picked = [];
    this.latest = info;
    this.runs = runs.map((r) => ({ ...r, testKey: testKeyOf(r.result) }));
  }

  /** The runs picked for comparison, in the order they were trained. */
  get chosen(): SessionRun[] {
    return this.runs.filter((r) => this.picked.includes(r.id));
  }
}

export const sessionRuns = new SessionRuns();

// Every result the Train stage (or tuning's retrained best) finishes with joins the session's runs.
$effect.root(() => {
  $effect(() => {
    if (run.status === 'done' && run.result) void sessionRuns.record(run.result);
  });
});
