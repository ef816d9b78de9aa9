import { isMissingToken, parseNumber } from '../../collect/infer.ts';
import { cellText, fileLine, findColumn } from '../../collect/table.ts';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../collect/table.ts';
import { KilnError, type ErrorLocation } from '../../errors.ts';

/** Where row `row` of column `column` came from, for error messages. */
export type RowWhere = (row: number, column: string) => ErrorLocation;

/** What fitting a step needs besides the table: the training rows, the label and error locations. */
export interface FitContext {
  rows: readonly number[];
  /** The label column, which steps never change and never read as a feature. */
  label?: string;
  where: RowWhere;
}

/** Locations as `file line N` in `table`'s file, where `origin[row]` is the row's index in the loaded file. */
export function rowWhere(table: Pick<Table, 'source' | 'lines'>, origin?: readonly number[]): RowWhere {
  return (row, column) => ({ file: table.source, line: fileLine(table, origin ? origin[row] : row), column });
}

/** The column called `name`, or a KilnError listing the columns that do exist. */
export function stepColumn(table: Table, name: string): Column {
  const column = findColumn(table, name);
  if (column) return column;
  throw new KilnError(`column '${name}' not found; columns are ${table.columns.map((c) => c.name).join(', ')}`, {
    file: table.source,
  });
}

/** Throws when a step names the label: steps never change it, and it is unknown at prediction time. */
export function guardLabel(names: readonly string[], ctx: FitContext, op: string): void {
  if (ctx.label !== undefined && names.includes(ctx.label)) {
    throw new KilnError(
      `${op} cannot use the label '${ctx.label}': steps never change the label, and it is not known when predicting`,
      { column: ctx.label },
    );
  }
}

/** Throws unless `column` is numeric, suggesting how to get there. */
export function requireNumeric(column: Column, op: string): NumericColumn {
  if (column.type === 'numeric') return column;
  const example = column.categories[0] === undefined ? '' : ` (e.g. '${column.categories[0]}')`;
  const detail = `${op} needs numbers, but column '${column.name}' is categorical${example}`;
  throw new KilnError(`${detail}; cast, onehot or ordinal-encode it first`, { column: column.name });
}

/** Throws unless `column` is categorical; numbers would be matched by their text, which is fragile. */
export function requireCategorical(column: Column, op: string): CategoricalColumn {
  if (column.type === 'categorical') return column;
  const cast = `{op:'cast', column:'${column.name}', type:'categorical'}`;
  throw new KilnError(`${op} needs a categorical column, but '${column.name}' is numeric; add ${cast} before it`, { column: column.name });
}

/** A column's values as numbers (NaN = missing); a categorical column must hold only number text. */
export function numbersOf(column: Column, where: RowWhere): Float64Array {
  if (column.type === 'numeric') return column.values;
  const parsed = column.categories.map((c) => parseNumber(c) ?? NaN);
  const out = new Float64Array(column.codes.length);
  column.codes.forEach((code, i) => {
    if (code < 0) out[i] = NaN;
    else if (Number.isNaN(parsed[code])) {
      throw new KilnError(`'${column.categories[code]}' is not a number`, where(i, column.name));
    } else out[i] = parsed[code];
  });
  return out;
}

/** Finite values of `values` at `rows`, sorted ascending. */
export function sortedAt(values: Float64Array, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  let n = 0;
  for (const i of rows) if (Number.isFinite(values[i])) out[n++] = values[i];
  // A typed array sorts numerically and natively, several times faster than an array with a comparator.
  return out.subarray(0, n).sort();
}

/** A new numeric column. */
export function numericColumn(name: string, values: Float64Array): NumericColumn {
  return { name, type: 'numeric', values };
}

/** A categorical column from per-row text (null = missing), categories in order of first appearance. */
export function categoricalColumn(name: string, texts: readonly (string | null)[]): CategoricalColumn {
  const categories: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(texts.length);
  texts.forEach((t, i) => {
    if (t === null) return void (codes[i] = -1);
    let code = index.get(t);
    if (code === undefined) index.set(t, (code = categories.push(t) - 1));
    codes[i] = code;
  });
  return { name, type: 'categorical', categories, codes };
}

/** Every cell of a column as text, null when missing. */
export function textsOf(column: Column): (string | null)[] {
  return Array.from({ length: column.type === 'numeric' ? column.values.length : column.codes.length }, (_, i) =>
    cellText(column, i),
  );
}

/** A new table with column `name` replaced, in place, by `columns` (none removes it; appended when absent). */
export function replaceColumn(table: Table, name: string, columns: Column[]): Table {
  // A namesake elsewhere in the table gives way, so column names stay unique.
  const incoming = new Set(columns.map((c) => c.name));
  const out: Column[] = [];
  let placed = false;
  for (const c of table.columns) {
    if (c.name === name) {
      out.push(...columns);
      placed = true;
    } else if (!incoming.has(c.name)) out.push(c);
  }
  if (!placed) out.push(...columns);
  return { ...table, columns: out };
}

/** A new table with `column` written in place of its namesake, or else inserted after `after` (appended when absent). */
export function putColumn(table: Table, column: Column, after?: string): Table {
  if (findColumn(table, column.name)) return replaceColumn(table, column.name, [column]);
  const at = after === undefined ? -1 : table.columns.findIndex((c) => c.name === after);
  const columns = [...table.columns];
  columns.splice(at < 0 ? columns.length : at + 1, 0, column);
  return { ...table, columns };
}

/** A new table holding only `names`, in that order; unknown names are a KilnError listing the columns. */
export function selectColumns(table: Table, names: readonly string[]): Table {
  return { ...table, columns: names.map((n) => stepColumn(table, n)) };
}

/** A new table holding only `rows`, in that order. */
export function selectRows(table: Table, rows: readonly number[]): Table {
  const columns = table.columns.map((c): Column =>
    c.type === 'numeric'
      ? { ...c, values: Float64Array.from(rows, (i) => c.values[i]) }
      : { ...c, codes: Int32Array.from(rows, (i) => c.codes[i]) },
  );
  return { ...table, rowCount: rows.length, columns };
}

/** A plain value as the one-row table cell it stands for: numbers stay numeric, text stays text. */
export function cellColumn(name: string, value: string | number | null | undefined): Column {
  if (typeof value === 'number') return numericColumn(name, Float64Array.of(value));
  const text = value === null || value === undefined || isMissingToken(value) ? null : value.trim();
  return categoricalColumn(name, [text]);
}

/** Row `i` of `table` as plain values: numbers, text, or null when missing. */
export function rowRecord(table: Table, i: number): Record<string, number | string | null> {
  return Object.fromEntries(
    table.columns.map((c) => [c.name, c.type === 'numeric' ? (Number.isNaN(c.values[i]) ? null : c.values[i]) : cellText(c, i)]),
  );
}
