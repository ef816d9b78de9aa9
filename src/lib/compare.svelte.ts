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
}

/**
 * Trains the same spec twice — augmentation off, then on — so the user sees what it buys.
 * Everything but `augment.enabled` is identical, including the seed.
 */
class AugmentComparison {
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  message = $state('');
  runs = $state<ComparedRun[]>([]);
  error = $state<string | null>(null);
  #abort: AbortController | null = null;

  async start(): Promise<void> {
    if (this.status === 'running' || run.busy) return;
    this.#abort = new AbortController();
    Object.assign(this, { status: 'running', runs: [], error: null });
    try {
      for (const augmented of [false, true]) {
        const spec = plain(project.spec);
        spec.augment.enabled = augmented;
        const label = augmented ? 'with augmentation' : 'without augmentation';
        const onEvent = Comlink.proxy((e: TrainEvent) => {
          if (e.status === 'epoch') this.message = `Training ${label}: epoch ${e.logs.epoch} of ${e.epochs}`;
        });
        const result = await bridge.cancellable(this.#abort.signal, (api) => api.train(spec, onEvent));
        this.runs.push(score(result, augmented));
        if (result.stopped) break;
      }
      this.status = 'done';
      this.message = '';
      run.reset(); // the worker now holds the augmented model, not the Train panel's last run
    } catch (e) {
      Object.assign(this, { status: 'error', error: (e as Error).message });
    }
  }

  stop(): void {
    this.#abort?.abort();
  }
}

function score(result: TrainResult, augmented: boolean): ComparedRun {
  const test = result.test.task === 'classification' ? result.test.metrics.accuracy : null;
  return { augmented, validation: result.history.at(-1)?.valAcc ?? null, test };
}

export const comparison = new AugmentComparison();
