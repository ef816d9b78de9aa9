import { parseCsv } from '../../../src/core/collect/csv.ts';
import { CsvTableBuilder } from '../../../src/core/collect/csv-builder.ts';
import type { Column, Table } from '../../../src/core/collect/table.ts';

/** A Table (or the error it threw) as plain data, so two parses can be compared with toEqual. */
export type Outcome = { table: object } | { error: string };

/** Cells as plain arrays: numbers (NaN kept) or category texts (null for missing). */
export function columnData(c: Column) {
  return c.type === 'numeric'
    ? { name: c.name, type: c.type, values: Array.from(c.values) }
    : { name: c.name, type: c.type, categories: c.categories, codes: Array.from(c.codes) };
}

/** Plain-data view of a Table. */
export function tableData(t: Table): object {
  return { source: t.source, rowCount: t.rowCount, warnings: t.warnings, columns: t.columns.map(columnData), lines: t.lines && Array.from(t.lines) };
}

/** Runs `parse`, turning a KilnError into its message (anything else is a bug and rethrown). */
export async function outcome(parse: () => Table | Promise<Table>): Promise<Outcome> {
  try {
    return { table: tableData(await parse()) };
  } catch (e) {
    if ((e as Error).name !== 'KilnError') throw e;
    return { error: (e as Error).message };
  }
}

/** `text` cut at the given offsets (sorted, deduplicated, clamped). */
export function cut<T extends { slice(a: number, b?: number): T; length: number }>(text: T, at: number[]): T[] {
  const points = [...new Set(at.map((p) => Math.min(Math.max(p, 0), text.length)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** parseCsv one-shot. */
export const oneShot = (text: string, source = 't.csv') => outcome(() => parseCsv(text, source));

/** The same text pushed to a CsvTableBuilder in pieces. */
export const chunked = (pieces: string[], source = 't.csv') =>
  outcome(() => {
    const b = new CsvTableBuilder(source);
    for (const p of pieces) b.push(p);
    return b.finish();
  });
