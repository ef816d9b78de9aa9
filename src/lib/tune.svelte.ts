import * as Comlink from 'comlink';
import { applyHyperparameters } from '../core/tune/apply.ts';
import { defaultSpace } from '../core/tune/default-space.ts';
import type { TrialRow, TuneEvent } from '../core/tune/protocol.ts';
import { objectiveDirection, tuningSchema, type Direction, type SearchSpace } from '../core/tune/schema.ts';
import type { TaskKind } from '../core/spec/schema.ts';
import type { TrainEvent } from '../core/train/protocol.ts';
import { bridge, plain } from './bridge.ts';
import { data } from './data.svelte.ts';
import { images } from './images.svelte.ts';
import { project } from './project.svelte.ts';
import { run } from './run.svelte.ts';

export type TuneStatus = 'idle' | 'running' | 'stopping' | 'done' | 'stopped' | 'error';

/**
 * The current or last tuning job as the Tune section shows it. Settings live in
 * `project.spec.tuning`; this holds only what the worker reported. The final retrain feeds the
 * Train stage's run state, so its curves, Evaluate and Deploy show the tuned model.
 */
class TuneState {
  status = $state<TuneStatus>('idle');
  message = $state('');
  rows = $state<TrialRow[]>([]);
  bestId = $state<number | null>(null);
  /** The space and direction the running or last job used (the spec may have changed since). */
  space = $state<SearchSpace>({});
  direction = $state<Direction>('minimize');
  /** The trial training now and its epoch. */
  current = $state<{ id: number; epoch: number; epochs: number } | null>(null);
  error = $state<string | null>(null);
  #abort: AbortController | null = null;

  get busy(): boolean {
    return this.status === 'running' || this.status === 'stopping';
  }

  /** The best trial's row, once one has an objective. */
  get best(): TrialRow | null {
    return this.rows.find((r) => r.id === this.bestId) ?? null;
  }

  /** The loaded data's task when known (a forced spec task, images, or the label's profile). */
  get task(): TaskKind {
    if (project.spec.task !== 'auto') return project.spec.task;
    if (images.inUse) return 'classification';
    return data.profile?.label && !data.profile.label.classCounts ? 'regression' : 'classification';
  }

  /** Kiln's default space for the loaded data, where the space editor starts. */
  get defaults(): SearchSpace {
    return defaultSpace(images.inUse ? 'images' : 'table', this.task);
  }

  /** Adds a tuning section to the spec: random search over the default space, validation loss. */
  enable(): void {
    project.spec.tuning = tuningSchema.parse({ strategy: 'random', maxTrials: 10, objective: 'validation.loss', space: this.defaults });
  }

  async start(): Promise<void> {
    if (this.busy || run.busy || !project.spec.tuning) return;
    const spec = plain(project.spec);
    Object.assign(this, { status: 'running', message: 'Starting the search', rows: [], bestId: null, current: null, error: null });
    Object.assign(this, { space: spec.tuning!.space ?? this.defaults, direction: objectiveDirection(spec.tuning!.objective, spec.tuning!.direction) });
    run.reset(); // the worker drops the last model now; the Train, Evaluate and Deploy stages must too
    this.#abort = new AbortController();
    try {
      const { report, result } = await bridge.cancellable(this.#abort.signal, (api) => api.tune(spec, Comlink.proxy((e: TuneEvent) => this.#onEvent(e))));
      // The report is final: trial-end events still on their way after it are dropped by #onEvent.
      Object.assign(this, { rows: report.trials, bestId: report.bestId, current: null });
      if (result) {
        // The result's history is complete even if the retrain's last epoch events are still on their way.
        Object.assign(run, { result, history: result.history, epochs: result.spec.train.epochs, status: 'done', message: `Finished ${result.history.length} epochs with trial ${report.bestId}'s hyperparameters` });
        this.status = 'done';
        this.message = `${report.trials.length} trials; trial ${report.bestId} is best, and the model is retrained with it`;
      } else {
        this.status = 'stopped';
        this.message = `Stopped after ${report.trials.length} trials${report.bestId ? `; trial ${report.bestId} is best so far` : ''}`;
      }
    } catch (e) {
      this.status = 'error';
      this.error = (e as Error).message;
      if (run.status === 'running') Object.assign(run, { status: 'error', error: this.error });
    }
  }

  stop(): void {
    if (this.status !== 'running') return;
    this.status = 'stopping';
    this.message = 'Stopping after the current batch';
    this.#abort?.abort();
  }

  /** Writes the best trial's values into the spec: the Train settings then show them. */
  applyBest(): void {
    const best = this.best;
    if (!best) return;
    const next = applyHyperparameters(plain(project.spec), best.hyperparameters);
    for (const path of Object.keys(best.hyperparameters)) setPath(project.spec, path, readPath(next, path));
  }

  #onEvent(e: TuneEvent): void {
    // Events come over the callback's own port, so a late one can land after the job's result;
    // once the job has ended it must not reopen the run (it would show "running" for ever).
    if (!this.busy) return;
    if (e.status === 'trial-start') {
      this.current = { id: e.trial.id, epoch: 0, epochs: e.trial.epochs ?? project.spec.train.epochs };
      this.message = `Trial ${e.trial.id}`;
    } else if (e.status === 'trial-epoch') this.current = { id: e.id, epoch: e.epoch, epochs: e.epochs };
    else if (e.status === 'trial-end') {
      this.rows.push(e.row);
      this.bestId = e.bestId;
    } else if (e.status === 'retrain') {
      this.current = null;
      this.message = `Retraining with trial ${e.best.id}'s hyperparameters`;
      Object.assign(run, { status: 'running', message: this.message });
    } else if (e.status !== 'tune-start') feedRun(e);
  }
}

/** The final retrain's events, shown as the Train stage shows any run. */
function feedRun(e: TrainEvent): void {
  if (e.status === 'warning') run.warnings.push(e.message);
  else if (e.status === 'split') run.split = e.counts;
  else if (e.status === 'backend') run.backend = e.choice;
  else if (e.status === 'epoch') run.addEpochs([...(e.earlier ?? []), e.logs], e.epochs);
}

function readPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce((node, key) => (node as Record<string, unknown>)[key], obj);
}

function setPath(obj: object, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((node, key) => (node as Record<string, unknown>)[key], obj as unknown) as Record<string, unknown>;
  parent[keys.at(-1)!] = value;
}

export const tune = new TuneState();
