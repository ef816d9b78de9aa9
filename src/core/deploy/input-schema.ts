import { cellText, findColumn, type Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import type { FittedStep } from '../prepare/steps/fit.ts';
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

/**
 * The schema of `fields` (raw column names, in order) measured on the training `rows` of `table`.
 * A category the steps name but no training row has (an impute fill such as 'none', an ordinal
 * order's extra values) is appended, so a caller can still send it by index.
 */
export function inputSchema(table: Table, fields: readonly string[], rows: readonly number[], prepare: readonly FittedStep[] = []): InputField[] {
  return fields.map((name) => {
    const column = findColumn(table, name);
    if (!column) throw new KilnError(`input column '${name}' not found`, { file: table.source });
    if (column.type === 'categorical') {
      const texts = rows.map((i) => cellText(column, i)).filter((t) => t !== null);
      const seen = rankByCount(texts).map((r) => r.value);
      return { name, type: 'categorical', categories: [...new Set([...seen, ...namedCategories(prepare, name)])] };
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

/** Values of column `name` that the fitted steps mention: text impute fills and ordinal orders. */
function namedCategories(prepare: readonly FittedStep[], name: string): string[] {
  return prepare.flatMap((f) => {
    if (f.op === 'impute' && typeof f.fill[name] === 'string') return [f.fill[name] as string];
    if (f.op === 'ordinal' && f.column === name) return f.order;
    return [];
  });
}
