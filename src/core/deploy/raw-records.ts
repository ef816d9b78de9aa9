import { cellText, findColumn, type Table } from '../collect/table.ts';
import type { RawRecord } from './protocol.ts';

/**
 * Rows of a loaded table as raw records of the named columns: numbers, text, null when missing.
 * What the prediction form is prefilled with, and what the ONNX check feeds both runtimes.
 *
 * rawRecords(penguins, ['island', 'bill_length_mm'], [0, 3]) // → [{ island: 'Torgersen', bill_length_mm: 39.1 }, { island: 'Torgersen', bill_length_mm: null }]
 */
export function rawRecords(table: Table, names: readonly string[], rows: readonly number[]): RawRecord[] {
  const columns = names.map((name) => [name, findColumn(table, name)] as const);
  return rows.map((row) => {
    const record: RawRecord = {};
    for (const [name, column] of columns) {
      if (!column) continue;
      record[name] = column.type === 'numeric' ? (Number.isNaN(column.values[row]) ? null : column.values[row]) : cellText(column, row);
    }
    return record;
  });
}
