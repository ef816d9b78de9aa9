import * as Comlink from 'comlink';
import type { Entries } from '../core/project/data-codec.ts';
import { resultKey } from '../core/project/model-history.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import { checkpointSpecHash, type CheckpointInfo, type TrainFaultHooks, type TrainResumeOptions } from '../core/train/checkpoint.ts';
import { bridge, plain, WorkerLostError, type WorkerLoss } from './bridge.ts';
import { project } from './project.svelte.ts';
import * as store from './storage.ts';

/** A page run's checkpoints reach IndexedDB at most this often (each is the whole model and optimizer state). */
const checkpointEveryMs = 2000;
/** Fresh workers one run may need before Kiln gives up and says so. */
const maxRecoveries = 3;
/** After a lost worker, the backend to go on with: the next one down the list, the CPU last. */
const nextBackend: Record<string, PipelineSpec['backend']> = { webgpu: 'webgl', webgl: 'wasm', wasm: 'cpu', cpu: 'cpu' };
const backendWords: Record<string, string> = { auto: 'the fastest backend', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'the CPU' };

/**
 * Training that survives the page and the worker: each page run's latest checkpoint goes to the
 * project's store; a reload mid-run offers it back (Resume / Discard); a worker that dies or
 * loses its GPU is replaced, given the saved data again, and the run goes on from the last
 * checkpoint on the next backend. The messages say what happened in plain words.
 */
class Recovery {
  /** A checkpoint of the open project left by a run that did not end (the page was closed or reloaded). */
  offer = $state<CheckpointInfo | null>(null);
  /** What went wrong and what Kiln did about it, for the Train page; null when nothing did. */
  notice = $state<string | null>(null);
  #projectId: string | undefined;
  #latest: { bytes: Blob; info: CheckpointInfo } | null = null;
  #saves: Promise<void> = Promise.resolve();
  #running = false;
  #recoveries = 0;
  #deviceLost: string | null = null;
  /** The current train call's: false once it ended, so a late message from its worker changes nothing. */
  #call = { live: false };

  /** True when the offer was made for the spec as it is now (an edited spec trains from the start). */
  get offerFits(): boolean {
    return this.offer !== null && this.offer.specHash === checkpointSpecHash(plain(project.spec));
  }

  /** The worker options for a page run: checkpoints sent here as they come, and `resumeFrom` when going on. */
  async trainOptions(resumeFrom?: Uint8Array): Promise<[TrainResumeOptions, TrainFaultHooks]> {
    this.#projectId = await store.lastProjectId().catch(() => undefined);
    this.#running = true;
    this.#deviceLost = null;
    this.offer = null;
    const call = (this.#call = { live: true });
    const options: TrainResumeOptions = resumeFrom ? Comlink.transfer({ checkpointEveryMs, resumeFrom }, [resumeFrom.buffer as ArrayBuffer]) : { checkpointEveryMs };
    const hooks: TrainFaultHooks = {
      checkpoint: (bytes, info) => void (call.live && this.#keep(bytes, info)),
      // TF.js cannot go on without its device: give the worker up now rather than wait for a call to fail.
      deviceLost: (reason) => {
        if (!call.live) return;
        this.#deviceLost = reason;
        bridge.lose('device-lost', reason);
      },
    };
    return [options, Comlink.proxy(hooks)];
  }

  /** The run ended (finished, stopped, or failed for a reason a new worker would not fix): its checkpoint is dropped. */
  async finished(): Promise<void> {
    this.#call.live = false;
    this.#running = false;
    this.#recoveries = 0;
    this.#latest = null;
    await this.#saves;
    if (this.#projectId) await store.deleteCheckpoint(this.#projectId).catch(() => {});
  }

  /**
   * After a run's call failed: when its worker died or lost its device, restarts the worker with
   * the saved data on the next backend and returns the checkpoint to go on from (null: from the
   * start); false when the failure was something else (or the user was stopping), for the caller to show.
   */
  async afterFailure(e: unknown, backendInUse: string | undefined, stopping: boolean): Promise<Uint8Array | null | false> {
    this.#call.live = false;
    const loss = lossOf(e, this.#deviceLost);
    if (!loss || stopping || !this.#running) return false;
    if (++this.#recoveries > maxRecoveries) {
      this.notice = `The training worker failed ${maxRecoveries} times in a row, so Kiln stopped retrying. Choose the CPU backend and press Train, or reload the page.`;
      return false;
    }
    this.notice = 'The training worker was lost; starting a new one…';
    bridge.terminate();
    const used = backendInUse ?? project.spec.backend;
    const next = nextBackend[used] ?? 'cpu';
    project.spec.backend = next;
    const what = loss.kind === 'device-lost' ? `The graphics device (GPU) was lost during training (${loss.reason}).` : 'The training worker stopped responding (it may have run out of memory or crashed).';
    const reloaded = await this.reloadWorker(false).catch(() => false); // storage unavailable: as no saved data
    if (!reloaded) {
      this.notice = `${what} Kiln started a new worker, but your data was not saved in this browser (it is too big), so load it again in Collect and press Train.`;
      return false;
    }
    await this.#saves;
    const latest = this.#latest;
    const from = latest ? `from epoch ${latest.info.epochsCompleted} of ${latest.info.epochs}` : 'from the start (no epoch had finished)';
    this.notice = `${what} Kiln started a new worker with your data and settings and is going on ${from} on ${backendWords[next]}.`;
    return latest ? new Uint8Array(await latest.bytes.arrayBuffer()) : null;
  }

  /**
   * Gives a fresh worker the open project's saved data (and, with `withModel`, its trained model,
   * as opening the project does). False when the project has no saved data.
   */
  async reloadWorker(withModel: boolean): Promise<boolean> {
    const id = this.#projectId ?? (await store.lastProjectId());
    const stored = id ? await store.getProject(id) : undefined;
    if (!id || !stored) return false;
    const blobs = await store.getBlobs(id);
    if (!blobs.data) return false;
    await bridge.api.restoreProjectData(transferable(blobs.data), stored.spec.data.label);
    const run = [...stored.runs].reverse().find((r) => r.dataFingerprint === stored.modelFingerprint);
    if (withModel && blobs.model && run) await bridge.api.restoreProjectModel(transferable(blobs.model), run.result, stored.modelFingerprint);
    // The Monitor's kept models (and the model deployed last) come back too, so its Roll back still works.
    const latest = stored.runs.at(-1);
    if (withModel && blobs.history && latest) await bridge.api.restoreModelHistory(transferable(blobs.history), resultKey(latest.result));
    return true;
  }

  /**
   * Looks for a checkpoint the open project's last page run left behind; offers it (on the Train
   * page) when it fits the spec. Called when a project is put on the page (projects.svelte.ts).
   */
  async check(id: string): Promise<void> {
    this.offer = null;
    if (this.#running) return;
    const info = await store.checkpointInfo(id).catch(() => undefined);
    if (this.#running || !info) return;
    this.#projectId = id;
    this.offer = info;
    if (this.offerFits) project.stage = 'train';
  }

  /** The offered checkpoint's bytes, for run.train to go on from; null when it is gone. */
  async takeOffer(): Promise<Uint8Array | null> {
    const id = this.#projectId;
    this.offer = null;
    return (id && (await store.checkpointBytes(id).catch(() => undefined))) || null;
  }

  /** Forgets the offered checkpoint. */
  async discard(): Promise<void> {
    this.offer = null;
    if (this.#projectId) await store.deleteCheckpoint(this.#projectId).catch(() => {});
  }

  /** Keeps a checkpoint in memory (for a crash) and in the store (for a reload), one save at a time. */
  #keep(bytes: Blob, info: CheckpointInfo): void {
    if (!this.#running) return;
    this.#latest = { bytes, info };
    const id = this.#projectId;
    if (!id) return;
    this.#saves = this.#saves.then(() =>
      store.saveCheckpoint(id, bytes, info).catch((e: Error) => {
        this.notice = `The training checkpoint could not be saved (${e.message}); training goes on, but a reload would start it again.`;
      }),
    );
  }

  /** A worker lost while nothing was running: a new one gets the data and the model back. */
  async #onIdleLoss(e: WorkerLostError): Promise<void> {
    if (this.#running) return; // the run's own failure handling takes it from here
    const back = await this.reloadWorker(true).catch(() => false);
    this.notice = `The Kiln worker ${e.kind === 'device-lost' ? 'lost its graphics device' : 'stopped responding'}; a new one started${back ? ' with your data and model' : ', but your data was not saved in this browser: load it again in Collect'}.`;
  }

  constructor() {
    bridge.onLost((e) => void this.#onIdleLoss(e));
    // Fault drills for the browser test: a crash-like end of the worker, and a real WebGPU device loss.
    (globalThis as { kilnFaults?: unknown }).kilnFaults = {
      killWorker: () => bridge.crashForTest(),
      loseDevice: () => bridge.api.loseDeviceForTest(),
      setDeadAfterMs: (ms: number) => void (bridge.deadAfterMs = ms),
    };
  }
}

/** The kind of worker loss behind a failed call, or null when it was another failure. */
function lossOf(e: unknown, deviceLost: string | null): { kind: WorkerLoss; reason: string } | null {
  if (deviceLost !== null) return { kind: 'device-lost', reason: deviceLost };
  if (e instanceof WorkerLostError) return { kind: e.kind, reason: e.message };
  // The worker's own words when TF.js failed on a lost device before the loss was reported (user-error.ts).
  const said = e instanceof Error ? /graphics device was lost during training(?: \(([^)]*)\))?/.exec(e.message) : null;
  if (said) return { kind: 'device-lost', reason: said[1] ?? 'the GPU stopped answering' };
  return null;
}

/** Entries posted to the worker with their buffers moved, not copied. */
function transferable(entries: Entries): Entries {
  return Comlink.transfer(entries, [...new Set(Object.values(entries).map((b) => b.buffer as ArrayBuffer))]);
}

export const recovery = new Recovery();
