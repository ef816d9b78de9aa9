import { cellText, findColumn, type Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import { rankByCount } from '../prepare/steps/stats.ts';

/**
 * One raw column a caller supplies to a trained model: numbers with their training range, or
 * categories as seen in training (most frequent first). The category list is also the index
 * mapping of the ONNX export: a categorical cell goes in as its position here, -1 when unseen.
 *
 * { name: 'bill_length_mm', type: 'numeric', min: 32.1, max: 59.6 }
 * { name: 'island', type: 'categorical', categories: ['Biscoe', 'Dream', 'Torgersen'] }
 */
export type InputField =
  | { name: string; type: 'numeric'; min: number | null; max: number | null }
  | { name: string; type: 'categorical'; categories: string[] };

/** The schema of `fields` (raw column names, in order) measured on the training `rows` of `table`. */
export function inputSchema(table: Table, fields: readonly string[], rows: readonly number[]): InputField[] {
  return fields.map((name) => {
    const column = findColumn(table, name);
    if (!column) throw new KilnError(`input column '${name}' not found`, { file: table.source });
    if (column.type === 'categorical') {
      const texts = rows.map((i) => cellText(column, i)).filter((t) => t !== null);
      return { name, type: 'categorical', categories: rankByCount(texts).map((r) => r.value) };
    }
    let [min, max] = [Infinity, -Infinity];
    for (const i of rows) {
      const v = column.values[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return min <= max ? { name, type: 'numeric', min, max } : { name, type: 'numeric', min: null, max: null };
  });
}
