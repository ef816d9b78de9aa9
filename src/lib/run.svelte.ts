import * as Comlink from 'comlink';
import { plural } from '../core/train/progress.ts';
import type { BackendChoice, EpochLogs, ProgressLogs, SplitCounts, TrainEvent, TrainResult } from '../core/train/protocol.ts';
import { bridge, plain } from './bridge.ts';
import { project } from './project.svelte.ts';
import { recovery } from './recovery.svelte.ts';

export type RunStatus = 'idle' | 'running' | 'paused' | 'stopping' | 'done' | 'error';

/** The current or last training run, as the Train, Evaluate and Deploy panels show it. */
class RunState {
  status = $state<RunStatus>('idle');
  message = $state('');
  backend = $state<BackendChoice | null>(null);
  split = $state<SplitCounts | null>(null);
  // Raw: thousands of epochs behind per-field proxies made every redraw crawl; replaced, never mutated.
  history = $state.raw<EpochLogs[]>([]);
  epochs = $state(0);
  // Raw: replaced whole, never changed in place; a deep proxy of 2,000 epochs and every prediction costs the page.
  result = $state.raw<TrainResult | null>(null);
  error = $state<string | null>(null);
  warnings = $state<string[]>([]);
  /** Where the run is within its epochs and batches, for the progress bar and ETA. */
  progress = $state<ProgressLogs | null>(null);
  #abort: AbortController | null = null;
  // Epochs and progress received since the last frame; applied once per animation frame.
  #pending: { logs: EpochLogs[]; epochs: number; progress: ProgressLogs | null } = { logs: [], epochs: 0, progress: null };
  #frame = 0;
  // The page's own clock for the ETA at epoch ends: from the split event on, pauses left out.
  #clock = { start: 0, pausedAt: 0, paused: 0 };

  get busy(): boolean {
    return this.status === 'running' || this.status === 'paused' || this.status === 'stopping';
  }

  /** The epoch with the best monitored validation value so far (the one restore-best keeps), if any. */
  get bestEpoch(): number | null {
    if (this.result?.bestEpoch) return this.result.bestEpoch;
    for (let i = this.history.length - 1; i >= 0; i--) if (this.history[i].best) return this.history[i].epoch;
    return null;
  }

  reset(): void {
    this.#dropPending();
    Object.assign(this, { status: 'idle', message: '', backend: null, split: null, history: [], epochs: 0, result: null, error: null, warnings: [], progress: null });
  }

  /** Trains the spec; `resumeFrom` (an encoded checkpoint) goes on from where an interrupted run was. */
  async train(resumeFrom?: Uint8Array): Promise<void> {
    if (this.busy) return;
    this.reset();
    Object.assign(this, { status: 'running', message: 'Starting the training worker', epochs: project.spec.train.epochs });
    this.#abort = new AbortController();
    const spec = plain(project.spec);
    try {
      // Watched: a worker that dies or loses its GPU rejects the call, and recovery takes over.
      const result = await bridge.watched(this.#abort.signal, async (api) => api.train(spec, Comlink.proxy((e: TrainEvent) => this.#onEvent(e)), ...(await recovery.trainOptions(resumeFrom))));
      this.#dropPending();
      this.result = result;
      // The kept model's epochs: a default table run may keep its linear candidate, not the MLP it streamed.
      this.history = result.history;
      const last = result.history.at(-1);
      if (last && this.progress) this.progress = { ...this.progress, epoch: last.epoch, batch: this.progress.batches, loss: last.loss };
      this.status = 'done';
      this.message = finishedMessage(result);
      void recovery.finished();
    } catch (e) {
      const retry = await recovery.afterFailure(e, this.backend?.name, this.status === 'stopping');
      if (retry !== false) {
        this.status = 'idle';
        return this.train(retry ?? undefined);
      }
      void recovery.finished();
      this.status = 'error';
      this.message = 'Did not finish: see the message below';
      this.error = (e as Error).message;
    }
  }

  /** Holds training between batches; nothing learned so far is lost. */
  pause(): void {
    if (this.status !== 'running') return;
    this.status = 'paused';
    this.message = 'Paused — Resume goes on from here';
    this.#clock.pausedAt = performance.now();
    void bridge.api.pauseTraining();
  }

  /** Goes on from where pause() held it. */
  resume(): void {
    if (this.status !== 'paused') return;
    this.status = 'running';
    this.#clock.paused += performance.now() - this.#clock.pausedAt;
    this.message = `Training on ${this.backend?.name ?? 'the chosen backend'}`;
    void bridge.api.resumeTraining();
  }

  stop(): void {
    if (this.status !== 'running' && this.status !== 'paused') return;
    this.status = 'stopping';
    this.message = 'Stopping after the current batch';
    this.#abort?.abort();
  }

  #onEvent(e: TrainEvent): void {
    // Events travel on the callback's own port and can land after the result; the result is final.
    if (!this.busy) return;
    if (e.status === 'initiate') this.message = e.message;
    else if (e.status === 'warning') this.warnings.push(e.message);
    else if (e.status === 'fold') this.message = `Cross-validation: fold ${e.fold} of ${e.folds} done`;
    else if (e.status === 'split') {
      this.split = e.counts;
      this.#clock = { start: performance.now(), pausedAt: 0, paused: 0 };
    }
    else if (e.status === 'backend') {
      this.backend = e.choice;
      this.message = `Training on ${e.choice.name}`;
    } else if (e.status === 'epoch') {
      this.#pending.logs.push(...(e.earlier ?? []), e.logs);
      this.#pending.epochs = e.epochs;
      const batches = this.#pending.progress?.batches ?? this.progress?.batches ?? 1;
      this.#pending.progress = { epoch: e.logs.epoch, epochs: e.epochs, batch: batches, batches, elapsedMs: this.#elapsed(), loss: e.logs.loss };
      this.#schedule();
    } else if (e.status === 'progress') {
      this.#pending.progress = { ...e.progress, elapsedMs: this.#elapsed() };
      this.#schedule();
    }
  }

  /** Appends epochs to the curves and log (the tuning job's retrain streams through here too). */
  addEpochs(logs: readonly EpochLogs[], epochs: number): void {
    if (logs.length > 0) this.history = [...this.history, ...logs];
    this.epochs = epochs;
  }

  #elapsed(): number {
    return performance.now() - this.#clock.start - this.#clock.paused;
  }

  // However fast events come, the page redraws at most once a frame.
  #schedule(): void {
    if (this.#frame === 0) this.#frame = requestAnimationFrame(() => this.#apply());
  }

  #apply(): void {
    this.#frame = 0;
    const { logs, epochs, progress } = this.#pending;
    this.#pending = { logs: [], epochs: 0, progress: null };
    if (!this.busy) return;
    if (logs.length > 0) this.addEpochs(logs, epochs);
    if (progress) this.progress = progress;
  }

  #dropPending(): void {
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending = { logs: [], epochs: 0, progress: null };
  }
}

/** One line on how a run ended: stopped, stopped early, finished, and which epoch's weights it kept. */
function finishedMessage(result: TrainResult): string {
  const n = plural(result.history.length, 'epoch');
  const how = result.stopped ? `Stopped after ${n}` : result.earlyStopped ? `Stopped early after ${n} (no better validation score)` : `Finished ${n}`;
  return result.bestEpoch ? `${how}; kept the best epoch, ${result.bestEpoch}` : how;
}

export const run = new RunState();
