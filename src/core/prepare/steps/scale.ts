import type { Column, Table } from '../../collect/table.ts';
import {
  guardLabel,
  numbersOf,
  numericColumn,
  replaceColumn,
  requireNumeric,
  sortedAt,
  stepColumn,
  type FitContext,
  type RowWhere,
} from './columns.ts';
import type { StepOf } from './schema.ts';
import { mean, quantile, std } from './stats.ts';

/**
 * Fitted scale: each column becomes (x - center) / scale. zscore: mean and std; minmax: min and
 * range; robust: median and interquartile range. A constant column gets scale 1, so it becomes 0.
 *
 * { op: 'scale', method: 'zscore', columns: { age: { center: 29.7, scale: 14.5 } } }
 */
export interface FittedScale {
  op: 'scale';
  method: StepOf<'scale'>['method'];
  columns: Record<string, { center: number; scale: number }>;
}

/** Fitted clip: each column's bounds, the training quantiles asked for. */
export interface FittedClip {
  op: 'clip';
  columns: Record<string, { min: number; max: number }>;
}

/** Fits centre and scale of each column on the training rows. */
export function fitScale(table: Table, step: StepOf<'scale'>, ctx: FitContext): FittedScale {
  const columns = numericTargets(table, step.columns, ctx, 'scale', () => true);
  const params = columns.map((c): [string, { center: number; scale: number }] => {
    const sorted = sortedAt(c.values, ctx.rows);
    // No training values: leave the column as it is rather than fail.
    if (sorted.length === 0) return [c.name, { center: 0, scale: 1 }];
    // Checked directly because a constant's computed mean can be off in the last bit, which a
    // tiny std would then blow up; exact 0 is what the user expects.
    if (sorted[0] === sorted[sorted.length - 1]) return [c.name, { center: sorted[0], scale: 1 }];
    const [center, spread] =
      step.method === 'zscore'
        ? [mean(sorted), std(sorted)]
        : step.method === 'minmax'
          ? [sorted[0], sorted[sorted.length - 1] - sorted[0]]
          : [quantile(sorted, 0.5), quantile(sorted, 0.75) - quantile(sorted, 0.25)];
    // A spread too small to divide by (subnormal) would turn ordinary values into Infinity; one that
    // overflowed stays Infinity, which fitSteps reports instead of writing it to JSON as null.
    return [c.name, { center, scale: spread > 0 && Number.isFinite(1 / spread) ? spread : 1 }];
  });
  return { op: 'scale', method: step.method, columns: Object.fromEntries(params) };
}

/** Applies the fitted centre and scale; missing values stay missing. */
export function applyScale(table: Table, f: FittedScale, where: RowWhere): Table {
  return mapColumns(table, f.columns, where, (v, { center, scale }) => (v - center) / scale);
}

/**
 * Fits clip bounds on the training rows. By default every numeric column with more than two
 * distinct training values: clipping a 0/1 flag at its 99th percentile would erase rare ones.
 */
export function fitClip(table: Table, step: StepOf<'clip'>, ctx: FitContext): FittedClip {
  const columns = numericTargets(table, step.columns, ctx, 'clip', (c) => new Set(sortedAt(c.values, ctx.rows)).size > 2);
  const bounds: [string, { min: number; max: number }][] = [];
  for (const c of columns) {
    const sorted = sortedAt(c.values, ctx.rows);
    if (sorted.length > 0) bounds.push([c.name, { min: quantile(sorted, step.lower), max: quantile(sorted, step.upper) }]);
  }
  return { op: 'clip', columns: Object.fromEntries(bounds) };
}

/** Clips each column to its fitted bounds; missing values stay missing. */
export function applyClip(table: Table, f: FittedClip, where: RowWhere): Table {
  return mapColumns(table, f.columns, where, (v, { min, max }) => Math.min(Math.max(v, min), max));
}

/** The named numeric columns, or by default every numeric non-label column passing `byDefault`. */
function numericTargets(
  table: Table,
  names: string[] | undefined,
  ctx: FitContext,
  op: string,
  byDefault: (c: Extract<Column, { type: 'numeric' }>) => boolean,
) {
  if (names) {
    guardLabel(names, ctx, op);
    return names.map((n) => requireNumeric(stepColumn(table, n), op));
  }
  return table.columns.filter((c) => c.type === 'numeric' && c.name !== ctx.label).map((c) => requireNumeric(c, op)).filter(byDefault);
}

/** Replaces each column in `params` by `fn` of its values; NaN passes through, and overflow becomes NaN too. */
function mapColumns<P>(table: Table, params: Record<string, P>, where: RowWhere, fn: (v: number, p: P) => number): Table {
  let out = table;
  for (const [name, p] of Object.entries(params)) {
    const values = numbersOf(stepColumn(out, name), where).map((v) => {
      const y = fn(v, p);
      return Number.isFinite(y) ? y : NaN;
    });
    out = replaceColumn(out, name, [numericColumn(name, values)]);
  }
  return out;
}
