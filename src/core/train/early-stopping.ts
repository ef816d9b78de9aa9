import { KilnError } from '../errors.ts';
import type { EarlyStoppingSpec, MonitorName, TaskKind, TrainSpec } from '../spec/schema.ts';
import { createMonitor } from './schedule.ts';

/** What the loop does after an epoch: was it the best so far, and should training stop. */
export interface EpochVerdict {
  best: boolean;
  stop: boolean;
}

/** Early stopping as the loop sees it: feed each epoch's monitored value, get a verdict. */
export interface EarlyStopper {
  observe(epoch: number, value: number): EpochVerdict;
  /** The 1-based epoch with the best value so far; 0 before any. */
  readonly bestEpoch: number;
}

/** True when a larger value of `metric` is better. */
export function higherIsBetter(metric: MonitorName): boolean {
  return metric === 'valAccuracy';
}

/**
 * Tracks the monitored metric; stops once `patience` epochs in a row did not improve on the best.
 * Patience 0 never stops but still tracks the best epoch (for restore-best and the chart's mark).
 *
 * const s = createEarlyStopper('valLoss', 2); [0.5, 0.4, 0.45, 0.41].map((v, i) => s.observe(i + 1, v).stop) // → [false, false, false, true]
 */
export function createEarlyStopper(metric: MonitorName, patience: number): EarlyStopper {
  const improves = createMonitor(higherIsBetter(metric));
  let bestEpoch = 0;
  let since = 0;
  return {
    observe(epoch, value) {
      if (improves(value)) {
        bestEpoch = epoch;
        since = 0;
        return { best: true, stop: false };
      }
      since++;
      return { best: false, stop: patience > 0 && since >= patience };
    },
    get bestEpoch() {
      return bestEpoch;
    },
  };
}

/**
 * The early stopping a train section asks for: `earlyStopping` when given, else the `patience`
 * shorthand (validation loss, restoring the best), else null. Accuracy on a regression is an error.
 */
export function resolveEarlyStopping(train: Pick<TrainSpec, 'earlyStopping' | 'patience'>, task: TaskKind): EarlyStoppingSpec | null {
  const chosen = train.earlyStopping ?? (train.patience > 0 ? { metric: 'valLoss' as const, patience: train.patience, restoreBest: true } : null);
  if (chosen?.metric === 'valAccuracy' && task === 'regression') {
    throw new KilnError("is 'valAccuracy', but a regression has no accuracy; use 'valLoss'", { path: 'train.earlyStopping.metric' });
  }
  return chosen;
}
