import * as Comlink from 'comlink';
import type { BackendChoice, EpochLogs, SplitCounts, TrainEvent, TrainResult } from '../core/train/protocol.ts';
import { bridge, plain } from './bridge.ts';
import { project } from './project.svelte.ts';

export type RunStatus = 'idle' | 'running' | 'stopping' | 'done' | 'error';

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
  #abort: AbortController | null = null;

  get busy(): boolean {
    return this.status === 'running' || this.status === 'stopping';
  }

  reset(): void {
    Object.assign(this, { status: 'idle', message: '', backend: null, split: null, history: [], epochs: 0, result: null, error: null, warnings: [] });
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
      this.status = 'done';
      this.message = result.stopped ? `Stopped after ${result.history.length} epochs` : `Finished ${result.history.length} epochs`;
    } catch (e) {
      this.status = 'error';
      this.error = (e as Error).message;
    }
  }

  stop(): void {
    if (this.status !== 'running') return;
    this.status = 'stopping';
    this.message = 'Stopping after the current batch';
    this.#abort?.abort();
  }

  #onEvent(e: TrainEvent): void {
    if (e.status === 'initiate') this.message = e.message;
    else if (e.status === 'warning') this.warnings.push(e.message);
    else if (e.status === 'fold') this.message = `Cross-validation: fold ${e.fold} of ${e.folds} done`;
    else if (e.status === 'split') this.split = e.counts;
    else if (e.status === 'backend') {
      this.backend = e.choice;
      this.message = `Training on ${e.choice.name}`;
    } else if (e.status === 'epoch') {
      this.history.push(e.logs);
      this.epochs = e.epochs;
    }
  }
}

export const run = new RunState();
