import { KilnError } from '../errors.ts';
import type { LossName, TaskKind, TrainSpec } from '../spec/schema.ts';

/** A loss the training loop computes: `auto` resolved for the task. */
export type LossKind = Exclude<LossName, 'auto'>;

/**
 * The loss a run trains with: `auto` is cross-entropy for classification and MSE for regression.
 * Cross-entropy or class weights on a regression are errors naming the spec path.
 *
 * resolveLoss({ loss: 'auto' }, 'regression') // → 'mse'
 */
export function resolveLoss(train: Pick<TrainSpec, 'loss' | 'classWeights'>, task: TaskKind): LossKind {
  if (task === 'regression') {
    if (train.loss === 'crossEntropy') throw new KilnError("is 'crossEntropy', which needs classes; a regression takes 'mse', 'mae' or 'huber'", { path: 'train.loss' });
    if (train.classWeights !== undefined) throw new KilnError('applies to classification only; remove it for a regression', { path: 'train.classWeights' });
  }
  if (train.loss !== 'auto') return train.loss;
  return task === 'classification' ? 'crossEntropy' : 'mse';
}
