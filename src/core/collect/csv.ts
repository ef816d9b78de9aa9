import { KilnError } from '../errors.ts';
import { ColumnBuilder } from './column-builder.ts';
import { CsvTableBuilder } from './csv-builder.ts';
import type { Table } from './table.ts';

/**
 * Parses CSV/TSV/semicolon text into a typed, columnar Table; the first row is the header.
 * Throws KilnError (with file, line and column where known) for input the user must fix.
 * The same CsvTableBuilder parses files chunk by chunk (see csv-ingest.ts); this is it in one go.
 */
export function parseCsv(text: string, source: string): Table {
  const builder = new CsvTableBuilder(source);
  builder.push(text);
  return builder.finish();
}

/** Builds a Table from objects keyed by column name (e.g. rows typed into a form); keys of the first record are the columns. */
export function tableFromRecords(records: Record<string, string>[], source: string): Table {
  if (records.length === 0) throw new KilnError('has no rows', { file: source });
  const columns = Object.keys(records[0]).map((name) => {
    const builder = new ColumnBuilder(name, source);
    // Lines as if the records were written out under a header line.
    records.forEach((record, r) => builder.add(record[name] ?? '', r + 2));
    return builder.finish();
  });
  return { source, rowCount: records.length, columns, warnings: [] };
}
