import type { TaskKind } from '../spec/schema.ts';
import type { SearchSpace } from './schema.ts';

/**
 * The space Kiln searches when the spec's `tuning.space` is absent: learning rate (log), batch
 * size, layer sizes and dropout. Every continuous range has a `count`, so grid search works too.
 *
 * defaultSpace('table', 'classification')['train.learningRate']
 * // → { type: 'continuous', min: 1e-4, max: 0.1, scale: 'log', count: 4 }
 */
export function defaultSpace(kind: 'table' | 'images', task: TaskKind): SearchSpace {
  // Regression on a squared loss diverges more readily than cross-entropy: cap the rate lower.
  const maxRate = task === 'regression' ? 3e-2 : kind === 'images' ? 1e-2 : 1e-1;
  const space: SearchSpace = {
    'train.learningRate': { type: 'continuous', min: 1e-4, max: maxRate, scale: 'log', count: 4 },
    'train.batchSize': { type: 'categorical', values: kind === 'images' ? [16, 32, 64] : [16, 32, 64, 128] },
  };
  if (kind === 'images') {
    space['model.filters'] = { type: 'categorical', values: [[8, 16], [16, 32], [32, 64]] };
    space['model.hidden'] = { type: 'categorical', values: [[32], [64], [128]] };
  } else {
    space['model.hidden'] = { type: 'categorical', values: [[16], [32], [64], [32, 16], [64, 32]] };
  }
  space['model.dropout'] = { type: 'continuous', min: 0, max: 0.5, scale: 'linear', count: 6 };
  return space;
}
