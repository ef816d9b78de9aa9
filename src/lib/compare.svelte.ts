import * as Comlink from 'comlink';
import type { TrainEvent, TrainResult } from '../core/train/protocol.ts';
import { bridge, plain } from './bridge.ts';
import { project } from './project.svelte.ts';
import { run } from './run.svelte.ts';

/** The scores of one of the two comparison runs. */
export interface ComparedRun {
  augmented: boolean;
  /** Validation accuracy after the last epoch. */
  validation: number | null;
  /** Test-set accuracy of the finished model. */
  test: number | null;
  /** Images each score is over. */
  counts: { validation: number; test: number };
}

/**
 * Trains the same spec twice — augmentation off and on — so the user sees what it buys.
 * Everything but `augment.enabled` is identical, including the seed. The spec's own setting
 * trains last, as the Train panel's run, so the model the worker keeps (and Train, Evaluate and
 * Deploy show) is the one the spec describes.
 */
class AugmentComparison {
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  /** Runs so far, without augmentation first. */
  runs = $state<ComparedRun[]>([]);
  error = $state<string | null>(null);
  #message = $state('');
  #inTrainPanel = $state<string | null>(null); // label of the run going through `run`, while it does
  #abort: AbortController | null = null;

  get message(): string {
    if (this.#inTrainPanel === null) return this.#message;
    const epoch = run.history.length;
    return `Training ${this.#inTrainPanel}: epoch ${epoch} of ${run.epochs || project.spec.train.epochs}`;
  }

  async start(): Promise<void> {
    if (this.status === 'running' || run.busy) return;
    this.#abort = new AbortController();
    Object.assign(this, { status: 'running', runs: [], error: null });
    const current = project.spec.augment.enabled;
    try {
      const other = plain(project.spec);
      other.augment.enabled = !current;
      const onEvent = Comlink.proxy((e: TrainEvent) => {
        if (e.status === 'epoch') this.#message = `Training ${labelOf(!current)}: epoch ${e.logs.epoch} of ${e.epochs}`;
      });
      const first = await bridge.cancellable(this.#abort.signal, (api) => api.train(other, onEvent));
      this.#add(score(first, !current));
      if (first.stopped) {
        run.reset(); // the worker holds the other setting's model, not the Train panel's last run
      } else {
        this.#inTrainPanel = labelOf(current);
        await run.train();
        this.#inTrainPanel = null;
        if (!run.result) throw new Error(run.error ?? 'training failed');
        this.#add(score(run.result, current));
      }
      this.status = 'done';
      this.#message = '';
    } catch (e) {
      this.#inTrainPanel = null;
      Object.assign(this, { status: 'error', error: (e as Error).message });
    }
  }

  stop(): void {
    if (this.#inTrainPanel !== null) run.stop();
    else this.#abort?.abort();
  }

  #add(compared: ComparedRun): void {
    this.runs = [...this.runs, compared].sort((a, b) => Number(a.augmented) - Number(b.augmented));
  }
}

const labelOf = (augmented: boolean) => (augmented ? 'with augmentation' : 'without augmentation');

function score(result: TrainResult, augmented: boolean): ComparedRun {
  const test = result.test.task === 'classification' ? result.test.metrics.accuracy : null;
  return { augmented, validation: result.history.at(-1)?.valAcc ?? null, test, counts: { validation: result.split.validation, test: result.split.test } };
}

export const comparison = new AugmentComparison();
