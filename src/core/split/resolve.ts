import type { Column, Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import type { SplitSpec, TaskKind } from '../spec/schema.ts';
import { groupKeysFromTable, splitByGroups } from './groups.ts';
import { kFold } from './kfold.ts';
import { splitRows, type SplitIndices, type Stratum } from './split.ts';
import { splitStrata } from './strata.ts';

/** Everything the split stage decides for one run. */
export interface RunSplit {
  split: SplitIndices;
  /**
   * k cross-validation folds over the non-test rows (split.train ∪ split.validation) when
   * `folds` is set, else null; split.test stays untouched for the final check.
   */
  folds: SplitIndices[] | null;
  /** Stratum of each table row (null for rows not split, or everywhere when not stratified); feeds `splitReport`. */
  strataByRow: (Stratum | null)[] | null;
}

/**
 * Splits the labelled `rows` as the split spec says: stratified by class (classification) or
 * by quantile bin of the target (regression), grouped by `group` when set, plus k-fold folds
 * when `folds` is set.
 *
 * splitForRun(table, label, rows, 'regression', { …spec.split, group: 'patient', folds: 5 }, 42)
 * // → { split: { train: […], validation: […], test: […] }, folds: [5 × { train, validation, test }], strataByRow: […] }
 */
export function splitForRun(
  table: Table,
  label: Column,
  rows: readonly number[],
  task: TaskKind,
  spec: SplitSpec,
  seed: number,
): RunSplit {
  const strata = splitStrata(task, label, rows, spec);
  if (spec.group === label.name) {
    throw new KilnError(`grouping by the label '${label.name}' would put each class in only one split; pick another column`, {
      file: table.source,
      path: 'split.group',
    });
  }
  const groups = spec.group === undefined ? null : groupKeysFromTable(table, spec.group, rows);
  const split = groups ? splitByGroups(rows, groups, strata, spec, seed) : splitRows(rows, strata, spec, seed);

  let folds: SplitIndices[] | null = null;
  if (spec.folds !== undefined) {
    const pool = [...split.train, ...split.validation];
    const position = new Map(rows.map((r, i) => [r, i]));
    const pick = <T>(values: readonly T[]) => pool.map((r) => values[position.get(r)!]);
    // Each fold keeps the spec's train : validation proportion inside its training part.
    const validation = spec.validation / (spec.train + spec.validation);
    folds = kFold(pool, strata && pick(strata), spec.folds, seed, groups && pick(groups), validation);
  }

  let strataByRow: (Stratum | null)[] | null = null;
  if (strata) {
    strataByRow = new Array<Stratum | null>(table.rowCount).fill(null);
    rows.forEach((r, i) => (strataByRow![r] = strata[i]));
  }
  return { split, folds, strataByRow };
}
