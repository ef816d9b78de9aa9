import type { Table } from '../../collect/table.ts';
import { KilnError } from '../../errors.ts';
import { checkColumns, columnsOf, evaluate, parseExpression } from '../expression/index.ts';
import {
  guardLabel,
  numbersOf,
  numericColumn,
  putColumn,
  requireNumeric,
  sortedAt,
  stepColumn,
  type FitContext,
  type RowWhere,
} from './columns.ts';
import type { StepOf } from './schema.ts';
import { quantile } from './stats.ts';

/** Fitted transform: the step itself, since log, sqrt and powers learn nothing from the data. */
export type FittedTransform = StepOf<'transform'>;

/**
 * Fitted bin: the cut points; a value's bin is how many edges are ≤ it, so 0..edges.length.
 *
 * { op: 'bin', column: 'age', as: 'age_bin', edges: [22, 28, 38] }
 */
export interface FittedBin {
  op: 'bin';
  column: string;
  as?: string;
  edges: number[];
}

/** Fitted derive: the step itself; the expression is re-parsed where it is applied. */
export type FittedDerive = StepOf<'derive'>;

/** Checks the function is defined for every training value, so a log of 0 fails here, by line, not as a silent gap. */
export function fitTransform(table: Table, step: StepOf<'transform'>, ctx: FitContext): FittedTransform {
  guardLabel([step.column, step.as ?? step.column], ctx, 'transform');
  const values = requireNumeric(stepColumn(table, step.column), 'transform').values;
  const fn = transformFn(step);
  const first = [...ctx.rows].sort((a, b) => a - b).find((i) => !Number.isNaN(values[i]) && !Number.isFinite(fn(values[i])));
  if (first !== undefined) throw new KilnError(domainError(step, values[first]), ctx.where(first, step.column));
  return step;
}

/** Writes f(column) in place, or into `as` right after it; values outside the domain become missing. */
export function applyTransform(table: Table, f: FittedTransform, where: RowWhere): Table {
  const fn = transformFn(f);
  const values = numbersOf(stepColumn(table, f.column), where).map((v) => {
    const y = fn(v);
    return Number.isFinite(y) ? y : NaN;
  });
  return putColumn(table, numericColumn(f.as ?? f.column, values), f.column);
}

/** Fits bin edges on the training rows: equal-count (quantile) or equal-width (uniform). */
export function fitBin(table: Table, step: StepOf<'bin'>, ctx: FitContext): FittedBin {
  guardLabel([step.column, step.as ?? step.column], ctx, 'bin');
  const sorted = sortedAt(requireNumeric(stepColumn(table, step.column), 'bin').values, ctx.rows);
  if (sorted.length === 0) {
    throw new KilnError(`column '${step.column}' has no values in the training rows to bin`, { column: step.column });
  }
  const [lo, hi] = [sorted[0], sorted[sorted.length - 1]];
  const cuts = Array.from({ length: step.bins - 1 }, (_, k) =>
    step.strategy === 'quantile' ? quantile(sorted, (k + 1) / step.bins) : lo + ((hi - lo) * (k + 1)) / step.bins,
  );
  // Ties can repeat a quantile; an edge at the minimum would leave bin 0 empty.
  const edges = [...new Set(cuts)].filter((e) => e > lo);
  return { op: 'bin', column: step.column, ...(step.as === undefined ? {} : { as: step.as }), edges };
}

/** Writes each value's bin number in place, or into `as` right after the column. */
export function applyBin(table: Table, f: FittedBin, where: RowWhere): Table {
  const values = numbersOf(stepColumn(table, f.column), where).map((v) => (Number.isNaN(v) ? v : binOf(f.edges, v)));
  return putColumn(table, numericColumn(f.as ?? f.column, values), f.column);
}

/** Checks the expression's columns exist and are not the label. */
export function fitDerive(table: Table, step: StepOf<'derive'>, ctx: FitContext): FittedDerive {
  guardLabel([step.name], ctx, 'derive');
  const expr = parseExpression(step.expression);
  checkColumns(expr, table.columns.map((c) => c.name));
  if (ctx.label !== undefined && columnsOf(expr).includes(ctx.label)) {
    throw new KilnError(`derive '${step.name}' reads the label '${ctx.label}', which is not known when predicting`, { column: ctx.label });
  }
  return step;
}

/** Computes the expression for every row into column `name` (replacing a namesake, else appended). */
export function applyDerive(table: Table, f: FittedDerive, where: RowWhere): Table {
  const expr = parseExpression(f.expression);
  checkColumns(expr, table.columns.map((c) => c.name));
  const inputs = new Map(columnsOf(expr).map((n) => [n, numbersOf(stepColumn(table, n), where)]));
  const values = new Float64Array(table.rowCount);
  for (let i = 0; i < values.length; i++) values[i] = evaluate(expr, (n) => inputs.get(n)![i]);
  return putColumn(table, numericColumn(f.name, values));
}

function domainError(step: StepOf<'transform'>, v: number): string {
  const shift = '; clip or shift the column first';
  switch (step.fn) {
    case 'log':
      return `log needs values above 0, but this row has ${v}; use fn 'log1p' for data with zeros`;
    case 'log1p':
      return `log1p needs values above -1, but this row has ${v}${shift}`;
    case 'sqrt':
      return `sqrt needs values of 0 or more, but this row has ${v}${shift}`;
    case 'power':
      return `${v}^${step.power} is not a finite number${shift}`;
  }
}

function transformFn(step: StepOf<'transform'>): (x: number) => number {
  switch (step.fn) {
    case 'log':
      return Math.log;
    case 'log1p':
      return Math.log1p;
    case 'sqrt':
      return Math.sqrt;
    case 'power': {
      const p = step.power!;
      // JavaScript says NaN ** 0 is 1; a missing value must stay missing.
      return (x) => (Number.isNaN(x) ? NaN : x ** p);
    }
  }
}

/** How many edges are ≤ v, by binary search. */
function binOf(edges: readonly number[], v: number): number {
  let [lo, hi] = [0, edges.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
