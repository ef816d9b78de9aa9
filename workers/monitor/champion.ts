import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import { planImageRun } from '../../src/core/train/image-plan.ts';
import { planRun } from '../../src/core/train/plan.ts';
import type { TrainedModel } from '../train/adapter.ts';

/** Each model's train / validation / test rows (or images), as indices of the data it learned from. */
const splits = new WeakMap<TrainedModel, SplitIndices>();

/**
 * The rows (images) `trained` was fitted, validated and tested on, in loaded-row indices of `data`.
 * A model from the Train page is replanned (the split is seeded, so the same spec on the same data
 * gives the same rows); a challenger's or a restored model's split is remembered.
 *
 * championSplit(trained, iris).test.length // → 23, the rows its test metric was measured on
 */
export function championSplit(trained: TrainedModel, data: Table | ImageSet): SplitIndices {
  const known = splits.get(trained);
  if (known) return known;
  if (!('columns' in data)) {
    const { split } = planImageRun(trained.result.spec, data);
    splits.set(trained, split);
    return split;
  }
  const plan = planRun(trained.result.spec, data);
  const loaded = (rows: number[]) => rows.map((r) => plan.origin[r]);
  const split = { train: loaded(plan.split.train), validation: loaded(plan.split.validation), test: loaded(plan.split.test) };
  splits.set(trained, split);
  return split;
}

/** Records the rows a challenger (or a model restored from history) was trained on, so none are replanned. */
export function rememberSplit(trained: TrainedModel, split: SplitIndices): void {
  splits.set(trained, split);
}
