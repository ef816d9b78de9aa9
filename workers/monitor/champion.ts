import type { Table } from '../../src/core/collect/table.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import { planRun } from '../../src/core/train/plan.ts';
import type { TrainedModel } from '../train/adapter.ts';

/** Each model's train / validation / test rows, as indices of the table it learned from. */
const splits = new WeakMap<TrainedModel, SplitIndices>();

/**
 * The rows `trained` was fitted, validated and tested on, in loaded-row indices of `data`. A model
 * from the Train page is replanned (the split is seeded, so the same spec on the same table gives
 * the same rows); a challenger's split is remembered when it is trained.
 *
 * championSplit(trained, iris).test.length // → 23, the rows its test metric was measured on
 */
export function championSplit(trained: TrainedModel, data: Table): SplitIndices {
  const known = splits.get(trained);
  if (known) return known;
  const plan = planRun(trained.result.spec, data);
  const loaded = (rows: number[]) => rows.map((r) => plan.origin[r]);
  const split = { train: loaded(plan.split.train), validation: loaded(plan.split.validation), test: loaded(plan.split.test) };
  splits.set(trained, split);
  return split;
}

/** Records the rows a challenger was trained on (it was given them, so no replanning is needed). */
export function rememberSplit(trained: TrainedModel, split: SplitIndices): void {
  splits.set(trained, split);
}
