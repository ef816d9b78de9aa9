import type { Column, Table } from '../../collect/table.ts';
import { KilnError } from '../../errors.ts';
import { rowWhere, selectRows, stepColumn, type FitContext } from './columns.ts';
import { applyStep, fitStep, isRowStep, isStateless } from './ops.ts';
import type { PrepareStep } from './schema.ts';
import { atStep } from './where.ts';

/** What the row steps did: the remaining rows, how many each step removed, and notes for the user. */
export interface RowStepResult {
  /** The input table's columns, holding only the rows kept. */
  table: Table;
  removed: { step: number; op: PrepareStep['op']; rows: number }[];
  warnings: string[];
  /** For each kept row, its index in the input table (pass to fitSteps so errors name file lines). */
  origin: number[];
}

/**
 * Applies the row steps (dropDuplicates, dropMissingLabel, impute with dropRows) to the whole
 * table, before the split, since they decide which rows exist. They see the output of earlier
 * stateless steps (drop, cast, derive, transform), so `drop id` then `dropDuplicates` ignores
 * the id; a row step after a fitted step is an error, as it would have to run after the split.
 *
 * applyRowSteps(table, [{ op: 'dropDuplicates' }]) // → { table, removed: [{ step: 0, op: 'dropDuplicates', rows: 3 }], … }
 */
export function applyRowSteps(table: Table, steps: readonly PrepareStep[], opts: { label?: string } = {}): RowStepResult {
  let last = steps.length - 1;
  while (last >= 0 && !isRowStep(steps[last])) last--;
  const result: RowStepResult = { table, removed: [], warnings: [], origin: Array.from({ length: table.rowCount }, (_, i) => i) };
  // Read origin when an error happens: rows removed so far must not shift the line numbers.
  const where: FitContext['where'] = (row, column) => rowWhere(table, result.origin)(row, column);
  const ctx: FitContext = { rows: [], label: opts.label, where };
  let view = table;
  let fitted: { step: number; op: string } | undefined;
  for (let i = 0; i <= last; i++) {
    const step = steps[i];
    if (!isRowStep(step)) {
      if (!isStateless(step)) fitted ??= { step: i, op: step.op };
      // Stateless steps learn nothing from rows, so fitting them on none is exact.
      else view = atStep(i, table.source, () => applyStep(view, fitStep(view, step, ctx), ctx.where));
      continue;
    }
    if (fitted) {
      const before = `prepare.${fitted.step} ('${fitted.op}'), which is fitted on the training rows`;
      throw new KilnError(`${step.op} removes rows, so it runs on all rows before the split; move it before ${before}`, {
        file: table.source,
        path: `prepare.${i}`,
      });
    }
    const keep = atStep(i, table.source, () => keptRows(view, step, opts.label));
    const removed = view.rowCount - keep.length;
    if (keep.length === 0) throw new KilnError(`${step.op} removed every row`, { file: table.source, path: `prepare.${i}` });
    if (removed > view.rowCount / 2) result.warnings.push(`${step.op} (prepare.${i}) removed ${removed} of ${view.rowCount} rows`);
    result.removed.push({ step: i, op: step.op, rows: removed });
    view = selectRows(view, keep);
    result.origin = keep.map((k) => result.origin[k]);
  }
  if (last >= 0) result.table = selectRows(table, result.origin);
  return result;
}

function keptRows(view: Table, step: PrepareStep, label: string | undefined): number[] {
  const all = Array.from({ length: view.rowCount }, (_, i) => i);
  if (step.op === 'dropDuplicates') {
    const seen = new Set<string>();
    return all.filter((i) => {
      // JSON keeps 1 and '1' apart and writes NaN as null, so missing matches missing.
      const key = JSON.stringify(view.columns.map((c) => cell(c, i)));
      return !seen.has(key) && !!seen.add(key);
    });
  }
  if (step.op === 'dropMissingLabel') {
    if (label === undefined) throw new KilnError('dropMissingLabel needs to know the label column (data.label)');
    const column = stepColumn(view, label);
    return all.filter((i) => cell(column, i) !== null);
  }
  if (step.op !== 'impute') throw new Error(`${step.op} is not a row step`);
  const columns = step.columns ? step.columns.map((n) => stepColumn(view, n)) : view.columns;
  return all.filter((i) => columns.every((c) => cell(c, i) !== null));
}

function cell(column: Column, i: number): number | string | null {
  if (column.type === 'numeric') return Number.isNaN(column.values[i]) ? null : column.values[i];
  return column.codes[i] < 0 ? null : column.categories[column.codes[i]];
}
