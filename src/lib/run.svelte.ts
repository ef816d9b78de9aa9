import * as Comlink from 'comlink';
import type { BackendChoice, EpochLogs, ProgressLogs, SplitCounts, TrainEvent, TrainResult } from '../core/train/protocol.ts';
import { bridge, plain } from './bridge.ts';
import { project } from './project.svelte.ts';

export type RunStatus = 'idle' | 'running' | 'paused' | 'stopping' | 'done' | 'error';

/** The current or last training run, as the Train, Evaluate and Deploy panels show it. */
class RunState {
  status = $state<RunStatus>('idle');
  message = $state('');
  backend = $state<BackendChoice | null>(null);
  split = $state<SplitCounts | null>(null);
  history = $state<EpochLogs[]>([]);
  epochs = $state(0);
  result = $state<TrainResult | null>(null);
  error = $state<string | null>(null);
  warnings = $state<string[]>([]);
  /** Where the run is within its epochs and batches, for the progress bar and ETA. */
  progress = $state<ProgressLogs | null>(null);
  #abort: AbortController | null = null;
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
    Object.assign(this, { status: 'idle', message: '', backend: null, split: null, history: [], epochs: 0, result: null, error: null, warnings: [], progress: null });
  }

  async train(): Promise<void> {
    if (this.busy) return;
    this.reset();
    Object.assign(this, { status: 'running', message: 'Starting the training worker', epochs: project.spec.train.epochs });
    this.#abort = new AbortController();
    const spec = plain(project.spec);
    try {
      const result = await bridge.cancellable(this.#abort.signal, (api) => api.train(spec, Comlink.proxy((e: TrainEvent) => this.#onEvent(e))));
      this.result = result;
      // The kept model's epochs: a default table run may keep its linear candidate, not the MLP it streamed.
      this.history = result.history;
      const last = result.history.at(-1);
      if (last && this.progress) this.progress = { ...this.progress, epoch: last.epoch, batch: this.progress.batches, loss: last.loss };
      this.status = 'done';
      this.message = finishedMessage(result);
    } catch (e) {
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
      this.history.push(e.logs);
      this.epochs = e.epochs;
      const batches = this.progress?.batches ?? 1;
      const elapsedMs = performance.now() - this.#clock.start - this.#clock.paused;
      this.progress = { epoch: e.logs.epoch, epochs: e.epochs, batch: batches, batches, elapsedMs, loss: e.logs.loss };
    } else if (e.status === 'progress') this.progress = { ...e.progress, elapsedMs: performance.now() - this.#clock.start - this.#clock.paused };
  }
}

/** One line on how a run ended: stopped, stopped early, finished, and which epoch's weights it kept. */
function finishedMessage(result: TrainResult): string {
  const n = result.history.length;
  const how = result.stopped ? `Stopped after ${n} epochs` : result.earlyStopped ? `Stopped early after ${n} epochs (no better validation score)` : `Finished ${n} epochs`;
  return result.bestEpoch ? `${how}; kept the best epoch, ${result.bestEpoch}` : how;
}

export const run = new RunState();
