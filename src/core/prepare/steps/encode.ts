import { parseNumber } from '../../collect/infer.ts';
import { cellText } from '../../collect/table.ts';
import type { Column, ColumnType, Table } from '../../collect/table.ts';
import { KilnError } from '../../errors.ts';
import {
  categoricalColumn,
  guardLabel,
  numbersOf,
  numericColumn,
  replaceColumn,
  requireCategorical,
  stepColumn,
  textsOf,
  type FitContext,
  type RowWhere,
} from './columns.ts';
import type { StepOf } from './schema.ts';
import { naturalOrder, rankByCount } from './stats.ts';

/**
 * Fitted one-hot: the categories kept for each column, most frequent first. Each becomes a 0/1
 * column `<column>=<value>`; anything else (rare, unseen) sets `<column>=other`; missing sets none.
 *
 * { op: 'onehot', columns: { island: ['Biscoe', 'Dream'] } }
 */
export interface FittedOnehot {
  op: 'onehot';
  columns: Record<string, string[]>;
}

/** Fitted ordinal: a value's position in `order` is its number; values not listed become missing. */
export interface FittedOrdinal {
  op: 'ordinal';
  column: string;
  order: string[];
}

/** Fitted cast, remembering the type seen in training so new data is read the same way. */
export interface FittedCast {
  op: 'cast';
  column: string;
  type: ColumnType;
  from: ColumnType;
}

/** Name of the bucket column for values outside a column's kept categories. */
export const otherName = (column: string): string => `${column}=other`;

/** Keeps, per column, the `maxCategories` most frequent training values that meet `minFrequency`. */
export function fitOnehot(table: Table, step: StepOf<'onehot'>, ctx: FitContext): FittedOnehot {
  if (step.columns) guardLabel(step.columns, ctx, 'onehot');
  const columns = step.columns
    ? step.columns.map((n) => requireCategorical(stepColumn(table, n), 'onehot'))
    : table.columns.filter((c) => c.type === 'categorical' && c.name !== ctx.label);
  const min = step.minFrequency === undefined ? 0 : step.minFrequency < 1 ? step.minFrequency * ctx.rows.length : step.minFrequency;
  const kept = columns.map((c): [string, string[]] => {
    const ranked = rankByCount(ctx.rows.map((i) => cellText(c, i)).filter((t) => t !== null));
    return [c.name, ranked.filter((r) => r.count >= min).slice(0, step.maxCategories).map((r) => r.value)];
  });
  return { op: 'onehot', columns: Object.fromEntries(kept) };
}

/** Replaces each column, in place, by its 0/1 columns. A kept category named 'other' shares the bucket. */
export function applyOnehot(table: Table, f: FittedOnehot): Table {
  let out = table;
  for (const [name, categories] of Object.entries(f.columns)) {
    const column = stepColumn(out, name);
    const names = categories.map((c) => `${name}=${c}`);
    if (!categories.includes('other')) names.push(otherName(name));
    const slots = names.map(() => new Float64Array(out.rowCount));
    const index = new Map(categories.map((c, k) => [c, k]));
    const other = names.indexOf(otherName(name));
    textsOf(column).forEach((t, i) => {
      if (t !== null) slots[index.get(t) ?? other][i] = 1;
    });
    out = replaceColumn(out, name, names.map((n, k) => numericColumn(n, slots[k])));
  }
  return out;
}

/** Checks the given order covers every training value, or sorts the training values (numbers numerically). */
export function fitOrdinal(table: Table, step: StepOf<'ordinal'>, ctx: FitContext): FittedOrdinal {
  guardLabel([step.column], ctx, 'ordinal');
  const column = requireCategorical(stepColumn(table, step.column), 'ordinal');
  const seen = [...new Set(ctx.rows.map((i) => cellText(column, i)).filter((t) => t !== null))];
  if (!step.order) return { op: 'ordinal', column: step.column, order: seen.sort(naturalOrder(seen, parseNumber)) };
  const listed = new Set(step.order);
  const first = [...ctx.rows].sort((a, b) => a - b).find((i) => !isListed(cellText(column, i), listed));
  if (first !== undefined) {
    const value = cellText(column, first);
    const detail = `value '${value}' is not in the ordinal order (${step.order.join(', ')}); add it to order`;
    throw new KilnError(detail, ctx.where(first, step.column));
  }
  return { op: 'ordinal', column: step.column, order: step.order };
}

/** Replaces the column by each value's position in the order. */
export function applyOrdinal(table: Table, f: FittedOrdinal): Table {
  const index = new Map(f.order.map((v, k) => [v, k]));
  const values = Float64Array.from(textsOf(stepColumn(table, f.column)), (t) => (t === null ? NaN : (index.get(t) ?? NaN)));
  return replaceColumn(table, f.column, [numericColumn(f.column, values)]);
}

/** Records the column's training type; casting is the same for every row, so nothing else is fitted. */
export function fitCast(table: Table, step: StepOf<'cast'>, ctx: FitContext): FittedCast {
  guardLabel([step.column], ctx, 'cast');
  return { op: 'cast', column: step.column, type: step.type, from: stepColumn(table, step.column).type };
}

/** Converts the column; text that is not a number cannot become numeric and is an error naming the row. */
export function applyCast(table: Table, f: FittedCast, where: RowWhere): Table {
  const column = stepColumn(table, f.column);
  let cast: Column;
  if (f.type === 'numeric') cast = numericColumn(f.column, numbersOf(column, where));
  else if (column.type === 'numeric' || f.from === 'categorical') cast = categoricalColumn(f.column, textsOf(column));
  // A column numeric in training but typed as text here (a form field, a stray word) is read as
  // its numbers' canonical text, so '5.0' matches the '5' seen in training.
  else cast = categoricalColumn(f.column, textsOf(column).map((t) => (t === null ? t : String(parseNumber(t) ?? t))));
  return replaceColumn(table, f.column, [cast]);
}

function isListed(text: string | null, listed: Set<string>): boolean {
  return text === null || listed.has(text);
}
