import { cellText, findColumn, type Column, type Table } from '../collect/table.ts';
import { createRng, shuffleInPlace } from '../split/random.ts';
import type { SplitIndices } from '../split/split.ts';

/** How a challenger is trained: the champion's training rows plus the batch, or the batch alone. */
export type RetrainMode = 'combine' | 'replace';

/**
 * The champion's table with the batch's rows appended, in the champion's columns: a batch column
 * is matched by name (cells re-read as the champion's type; text that is not a number becomes
 * missing), a column the batch lacks is missing in its rows, and batch-only columns are dropped.
 * Rows 0…base.rowCount-1 are the champion's rows unchanged, so their indices keep meaning.
 *
 * appendRows(iris150, batch20).rowCount // → 170
 */
export function appendRows(base: Table, batch: Table): Table {
  const n = base.rowCount + batch.rowCount;
  const columns = base.columns.map((column): Column => {
    const from = findColumn(batch, column.name);
    const text = (i: number) => (from ? cellText(from, i) : null);
    if (column.type === 'numeric') {
      const values = new Float64Array(n);
      values.set(column.values);
      for (let i = 0; i < batch.rowCount; i++) {
        const cell = text(i);
        values[base.rowCount + i] = cell === null || cell.trim() === '' ? NaN : Number(cell);
      }
      return { name: column.name, type: 'numeric', values };
    }
    const categories = [...column.categories];
    const codeOf = new Map(categories.map((c, i) => [c, i]));
    const codes = new Int32Array(n);
    codes.set(column.codes);
    for (let i = 0; i < batch.rowCount; i++) {
      const cell = text(i);
      let code = cell === null ? -1 : codeOf.get(cell);
      if (code === undefined) {
        code = categories.push(cell!) - 1;
        codeOf.set(cell!, code);
      }
      codes[base.rowCount + i] = code;
    }
    return { name: column.name, type: 'categorical', categories, codes };
  });
  // File lines of the two files would mix, so errors name rows by position instead.
  return { source: `${base.source} + ${batch.source}`, rowCount: n, columns, warnings: [] };
}

/**
 * The challenger's split over appendRows(base, batch): the champion's test rows stay the test set,
 * so challenger and champion are scored on the same held-out rows. The batch's labelled rows
 * (`batchRows`, indices of the appended table) are shuffled (seeded) and shared between train and
 * validation in the spec's train : validation proportion; `combine` keeps the champion's train
 * and validation rows too, `replace` trains on the batch only.
 *
 * challengerSplit({ train: [0, 1], validation: [2], test: [3] }, [4, 5], 'combine', { train: 0.7, validation: 0.15 }, 42)
 * // → { train: [0, 1, 4, 5], validation: [2], test: [3] }
 */
export function challengerSplit(
  champion: SplitIndices,
  batchRows: readonly number[],
  mode: RetrainMode,
  ratios: { train: number; validation: number },
  seed: number,
): SplitIndices {
  const added = shuffleInPlace([...batchRows], createRng(seed));
  const share = ratios.train + ratios.validation > 0 ? ratios.validation / (ratios.train + ratios.validation) : 0;
  const validationCount = Math.round(added.length * share);
  const validation = added.slice(0, validationCount).sort((a, b) => a - b);
  const train = added.slice(validationCount).sort((a, b) => a - b);
  return mode === 'combine'
    ? { train: [...champion.train, ...train], validation: [...champion.validation, ...validation], test: [...champion.test] }
    : { train, validation, test: [...champion.test] };
}
