/** A numeric column; missing values are NaN. */
export interface NumericColumn {
  name: string;
  type: 'numeric';
  values: Float64Array;
}

/** A categorical column, dictionary-encoded; code -1 marks a missing value. */
export interface CategoricalColumn {
  name: string;
  type: 'categorical';
  /** Distinct values in order of first appearance. */
  categories: string[];
  codes: Int32Array;
}

export type Column = NumericColumn | CategoricalColumn;
export type ColumnType = Column['type'];

/** A parsed data set held column by column, so numeric data stays in typed arrays. */
export interface Table {
  /** File name or URL the table came from, for error messages. */
  source: string;
  rowCount: number;
  columns: Column[];
  /** Non-fatal notes for the user, e.g. a renamed duplicate header. */
  warnings: string[];
  /**
   * The 1-based file line of each loaded row, present only when some row is not on line row + 2
   * (blank lines or multi-line quoted cells came before it). Indexed by the row's position in the
   * loaded file: tables derived by prepare steps carry it unchanged, so read it with fileLine and
   * the row's origin.
   */
  lines?: Int32Array;
}

/** The file line of loaded row `row` (its origin, for a derived table); the header is line 1. */
export function fileLine(table: Pick<Table, 'lines'>, row: number): number {
  return table.lines ? table.lines[row] : row + 2;
}

/** Position of each name in a columns array, built on first lookup (first of equal names wins, as `find` did). */
const columnIndex = new WeakMap<readonly Column[], Map<string, number>>();

/**
 * Returns the column called `name`, or undefined. Indexed, so encoding a 10,000-column table looks
 * each column up in constant time; an index that no longer matches (columns pushed or spliced
 * since) is rebuilt.
 */
export function findColumn(table: Table, name: string): Column | undefined {
  const columns = table.columns;
  let index = columnIndex.get(columns);
  const at = index?.get(name);
  if (at !== undefined && columns[at]?.name === name) return columns[at];
  if (index && at === undefined && index.size === columns.length) return undefined;
  index = new Map();
  columns.forEach((c, i) => index!.has(c.name) || index!.set(c.name, i));
  columnIndex.set(columns, index);
  const found = index.get(name);
  return found === undefined ? undefined : columns[found];
}

/** The value of row `i` as a string, or null when missing. */
export function cellText(column: Column, i: number): string | null {
  if (column.type === 'numeric') {
    const v = column.values[i];
    return Number.isNaN(v) ? null : String(v);
  }
  const code = column.codes[i];
  return code < 0 ? null : column.categories[code];
}
