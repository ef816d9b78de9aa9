import type * as tf from '@tensorflow/tfjs';
import { crossValidationOf } from '../../src/core/evaluate/cross-validation.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import type { CrossValidation, EpochLogs, Predictions, SplitMetrics, TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { disposeModel } from './model.ts';

/** What training one model on one split gives back, tables and images alike. */
export interface FittedRun {
  model: tf.LayersModel;
  history: EpochLogs[];
  stopped: boolean;
  validation?: SplitMetrics;
  test: SplitMetrics;
  predictions: Predictions;
}

/**
 * k-fold cross-validation: trains one model per fold with `fit` (which plans the fold as the
 * data kind needs), scores it on the fold's held-out part, disposes it, and reports each fold.
 * The test split is never touched here.
 */
export async function crossValidate(
  folds: readonly SplitIndices[],
  fit: (fold: SplitIndices) => Promise<FittedRun>,
  emit: (e: TrainEvent) => void,
  shouldStop: () => boolean,
): Promise<CrossValidation> {
  const scores: SplitMetrics[] = [];
  for (const [i, fold] of folds.entries()) {
    if (shouldStop()) break;
    const run = await fit(fold);
    disposeModel(run.model);
    scores.push(run.test);
    emit({ status: 'fold', fold: i + 1, folds: folds.length, metrics: run.test });
  }
  return crossValidationOf(scores);
}

/** The result of a finished run: what was decided before training, then what the final model scored. */
export function trainResult(decided: Pick<TrainResult, 'task' | 'backend' | 'split' | 'classes' | 'crossValidation' | 'spec'>, run: FittedRun): TrainResult {
  const { history, validation, test, predictions, stopped } = run;
  return { ...decided, history, validation, test, predictions, stopped };
}
