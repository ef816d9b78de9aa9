import { KilnError } from '../../errors.ts';
import type { TableModelDoc } from '../model-doc.ts';

/**
 * Checks, before any row is read, that a file's header has every column the model needs. Extra
 * columns (the label among them) are fine: they are carried to the output untouched.
 *
 * checkHeader(irisDoc, ['petal_width', 'sepal_length', 'id'], 'new.csv')
 * // → KilnError "new.csv: is missing the columns 'sepal_width', 'petal_length' that the model needs; it has petal_width, sepal_length, id"
 */
export function checkHeader(doc: TableModelDoc, header: readonly string[], file: string): void {
  const have = new Set(header.map((h) => h.trim()));
  const missing = doc.fields.filter((f) => !have.has(f));
  if (missing.length === 0) return;
  const list = missing.map((m) => `'${m}'`).join(', ');
  const plural = missing.length === 1 ? 'the column' : 'the columns';
  throw new KilnError(`is missing ${plural} ${list} that the model needs; it has ${header.join(', ') || 'no columns'}`, { file });
}

/**
 * Output column names after the input's own: `prediction`, `p_<class>` per class, then `error`.
 * A name the input already uses gets `_2` (then `_3`, …), so no input column is ever shadowed.
 *
 * predictionColumns(['setosa', 'versicolor'], ['x', 'prediction']) // → ['prediction_2', 'p_setosa', 'p_versicolor', 'error']
 */
export function predictionColumns(classes: readonly string[] | null, inputColumns: readonly string[] = []): string[] {
  const taken = new Set(inputColumns);
  const wanted = ['prediction', ...(classes ?? []).map((c) => `p_${c}`), 'error'];
  return wanted.map((name) => {
    let unique = name;
    for (let n = 2; taken.has(unique); n++) unique = `${name}_${n}`;
    taken.add(unique);
    return unique;
  });
}
