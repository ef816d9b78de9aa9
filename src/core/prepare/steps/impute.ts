import { parseNumber } from '../../collect/infer.ts';
import { cellText } from '../../collect/table.ts';
import type { Column, Table } from '../../collect/table.ts';
import { KilnError } from '../../errors.ts';
import {
  categoricalColumn,
  guardLabel,
  numbersOf,
  numericColumn,
  putColumn,
  replaceColumn,
  sortedAt,
  stepColumn,
  type FitContext,
  type RowWhere,
} from './columns.ts';
import type { StepOf } from './schema.ts';
import { compareText, mean, mostFrequent, quantile } from './stats.ts';

/**
 * Fitted impute: the value filling each column's gaps (a number for numeric columns, text for
 * categorical ones), and whether `<column>_was_missing` flags are added.
 *
 * { op: 'impute', strategy: 'median', fill: { age: 28, embarked: 'S' }, indicator: true }
 */
export interface FittedImpute {
  op: 'impute';
  strategy: 'mean' | 'median' | 'mostFrequent' | 'constant';
  fill: Record<string, number | string>;
  indicator: boolean;
}

/** Name of the 0/1 column flagging the rows where `column` was missing. */
export const indicatorName = (column: string): string => `${column}_was_missing`;

/** Computes fill values from the training rows; `dropRows` is a row step and never reaches here. */
export function fitImpute(table: Table, step: StepOf<'impute'>, ctx: FitContext): FittedImpute {
  const strategy = step.strategy;
  if (strategy === 'dropRows') throw new Error('impute dropRows is a row step; applyRowSteps handles it');
  const explicit = step.columns !== undefined;
  if (step.columns) guardLabel(step.columns, ctx, 'impute');
  const columns = step.columns
    ? step.columns.map((n) => stepColumn(table, n))
    : table.columns.filter((c) => c.name !== ctx.label && missingAt(c, ctx.rows));
  const fill: [string, number | string][] = [];
  for (const column of columns) {
    const value = fillValue(column, strategy, step.value, ctx.rows, explicit);
    if (value !== undefined) fill.push([column.name, value]);
  }
  return { op: 'impute', strategy, fill: Object.fromEntries(fill), indicator: step.indicator };
}

/** Fills every gap and inserts the indicator columns; the input table is not changed. */
export function applyImpute(table: Table, f: FittedImpute, where: RowWhere): Table {
  let out = table;
  for (const [name, value] of Object.entries(f.fill)) {
    const column = stepColumn(out, name);
    const flags = new Float64Array(table.rowCount);
    let filled: Column;
    if (typeof value === 'number') {
      const values = Float64Array.from(numbersOf(column, where), (v, i) => (Number.isNaN(v) ? ((flags[i] = 1), value) : v));
      filled = numericColumn(name, values);
    } else filled = fillText(column, value, flags);
    out = replaceColumn(out, name, [filled]);
    if (f.indicator) out = putColumn(out, numericColumn(indicatorName(name), flags), name);
  }
  return out;
}

/** The fill for one column, or undefined to skip a column the default selection cannot handle. */
function fillValue(
  column: Column,
  strategy: FittedImpute['strategy'],
  constant: number | string | undefined,
  rows: readonly number[],
  explicit: boolean,
): number | string | undefined {
  const skip = (detail: string): undefined => {
    if (explicit) throw new KilnError(detail, { column: column.name });
    return undefined;
  };
  if (strategy === 'constant') {
    if (column.type === 'categorical') return String(constant);
    const n = typeof constant === 'number' ? constant : parseNumber(constant!);
    return n ?? skip(`impute value '${constant}' is not a number, but column '${column.name}' is numeric`);
  }
  if (column.type === 'categorical') {
    if (strategy !== 'mostFrequent') {
      const detail = `impute ${strategy} needs numbers, but column '${column.name}' is categorical`;
      return skip(`${detail}; use strategy 'mostFrequent' or 'constant'`);
    }
    const texts = rows.map((i) => column.codes[i]).filter((c) => c >= 0).map((c) => column.categories[c]);
    return mostFrequent(texts, compareText) ?? noValues(column, strategy);
  }
  const sorted = sortedAt(column.values, rows);
  if (sorted.length === 0) return noValues(column, strategy);
  if (strategy === 'mean') return mean(sorted);
  if (strategy === 'median') return quantile(sorted, 0.5);
  return mostFrequent(sorted, (a, b) => a - b)!;
}

function noValues(column: Column, strategy: string): never {
  const detail = `column '${column.name}' has no values in the training rows to compute a ${strategy} from`;
  throw new KilnError(`${detail}; drop it or use strategy 'constant'`, { column: column.name });
}

/** Fills a categorical column's gaps with `value`, keeping its category order; numbers become text. */
function fillText(column: Column, value: string, flags: Float64Array): Column {
  if (column.type === 'numeric') {
    // Only new data typed differently from the training data lands here.
    const texts = Array.from(column.values, (_, i) => cellText(column, i) ?? ((flags[i] = 1), value));
    return categoricalColumn(column.name, texts);
  }
  let code = column.categories.indexOf(value);
  const categories = code < 0 ? [...column.categories, value] : column.categories;
  if (code < 0) code = categories.length - 1;
  const codes = column.codes.map((c, i) => (c < 0 ? ((flags[i] = 1), code) : c));
  return { name: column.name, type: 'categorical', categories, codes };
}

function missingAt(column: Column, rows: readonly number[]): boolean {
  return column.type === 'numeric' ? rows.some((i) => Number.isNaN(column.values[i])) : rows.some((i) => column.codes[i] < 0);
}
