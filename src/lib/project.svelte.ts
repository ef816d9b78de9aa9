import type { TableProfile } from '../core/prepare/profile.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import { defaultSpec } from '../core/spec/validate.ts';
import type { BackendChoice, EpochLogs, SplitCounts, TrainEvent, TrainResult } from '../core/train/protocol.ts';
import { bridge } from './bridge.ts';
import type { Sample } from './samples.ts';
import type { StageId } from './stages.ts';

export type RunStatus = 'idle' | 'running' | 'stopping' | 'done' | 'error';

/** What the Train, Evaluate and Deploy panels show about the current or last run. */
export interface RunState {
  status: RunStatus;
  message: string;
  backend: BackendChoice | null;
  split: SplitCounts | null;
  history: EpochLogs[];
  epochs: number;
  result: TrainResult | null;
  error: string | null;
}

const idleRun = (): RunState => ({
  status: 'idle',
  message: '',
  backend: null,
  split: null,
  history: [],
  epochs: 0,
  result: null,
  error: null,
});

/**
 * The studio's state. The pipeline spec is the single source of truth for every choice the user
 * makes; the rest is what the worker reported back.
 */
class Project {
  spec = $state<PipelineSpec>(defaultSpec('data/iris.csv', 'species'));
  stage = $state<StageId>('goal');
  profile = $state<TableProfile | null>(null);
  loading = $state(false);
  loadError = $state<string | null>(null);
  run = $state<RunState>(idleRun());
  #abort: AbortController | null = null;

  /** Loads CSV text into the worker; on failure the previous data set stays loaded. */
  async loadCsv(text: string, source: string, label?: string): Promise<void> {
    this.loading = true;
    this.loadError = null;
    try {
      const guess = label ?? undefined;
      let profile = await bridge.loadCsv(text, source, guess);
      const names = profile.columns.map((c) => c.name);
      const chosen = guess && names.includes(guess) ? guess : names[names.length - 1];
      if (chosen !== guess) profile = await bridge.profile(chosen);
      this.profile = profile;
      this.spec.data = { source, label: chosen };
      this.run = idleRun();
    } catch (e) {
      this.loadError = (e as Error).message;
    } finally {
      this.loading = false;
    }
  }

  async loadSample(sample: Sample): Promise<void> {
    this.loading = true;
    const response = await fetch(sample.file).catch(() => null);
    if (!response?.ok) {
      this.loading = false;
      this.loadError = `Could not read the bundled sample ${sample.file}`;
      return;
    }
    await this.loadCsv(await response.text(), sample.file, sample.label);
  }

  async setLabel(label: string): Promise<void> {
    this.spec.data = { ...this.spec.data, label };
    this.profile = await bridge.profile(label);
  }

  async train(): Promise<void> {
    if (this.run.status === 'running' || this.run.status === 'stopping') return;
    this.#abort = new AbortController();
    this.run = { ...idleRun(), status: 'running', message: 'Starting the training worker', epochs: this.spec.train.epochs };
    try {
      const result = await bridge.train(this.spec, (e) => this.#onEvent(e), this.#abort.signal);
      this.run.result = result;
      this.run.status = 'done';
      this.run.message = result.stopped ? `Stopped after ${result.history.length} epochs` : `Finished ${result.history.length} epochs`;
    } catch (e) {
      this.run.status = 'error';
      this.run.error = (e as Error).message;
    }
  }

  stop(): void {
    if (this.run.status !== 'running') return;
    this.run.status = 'stopping';
    this.run.message = 'Stopping after the current batch';
    this.#abort?.abort();
  }

  #onEvent(e: TrainEvent): void {
    const run = this.run;
    if (e.status === 'initiate') run.message = e.message;
    else if (e.status === 'split') run.split = e.counts;
    else if (e.status === 'backend') {
      run.backend = e.choice;
      run.message = `Training on ${e.choice.name}`;
    } else if (e.status === 'epoch') {
      run.history.push(e.logs);
      run.epochs = e.epochs;
    }
  }
}

export const project = new Project();
