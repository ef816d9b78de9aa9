import { isMissingToken, isNonFiniteToken, parseNumber } from '../../collect/infer.ts';
import type { InputField } from '../input-schema.ts';

/** One raw input cell as a caller gives it: CSV text, a JSON value, or missing (null/undefined). */
export type RawCell = string | number | boolean | null | undefined;

/** A field's cells, typed as in training: numbers (NaN = missing), or trimmed text (null = missing). */
export type FieldCells = { type: 'numeric'; values: Float64Array } | { type: 'categorical'; texts: (string | null)[] };

/** Thrown per cell; the caller turns it into that row's error. */
export class CellError extends Error {
  constructor(
    readonly column: string,
    readonly detail: string,
  ) {
    super(`column '${column}': ${detail}`);
  }
}

/**
 * Reads `n` cells of one field the way the training table typed that column, so the fitted steps
 * see exactly the types they were fitted on whatever this chunk happens to hold (a chunk of only
 * '1', '2' in a categorical column must not turn numeric). A cell that cannot be read is reported
 * through `onError` with its row, and left missing.
 *
 * readField({ name: 'x', type: 'numeric', min: 0, max: 9 }, 2, (r) => ['1.5', 'NA'][r], log)
 * // → { type: 'numeric', values: Float64Array [1.5, NaN] }
 */
export function readField(field: InputField, n: number, cell: (row: number) => RawCell, onError: (row: number, e: CellError) => void): FieldCells {
  if (field.type === 'numeric') {
    const values = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      try {
        values[r] = numberOf(field.name, cell(r));
      } catch (e) {
        values[r] = NaN;
        onError(r, e as CellError);
      }
    }
    return { type: 'numeric', values };
  }
  const texts = new Array<string | null>(n);
  for (let r = 0; r < n; r++) {
    try {
      texts[r] = textOf(field.name, cell(r));
    } catch (e) {
      texts[r] = null;
      onError(r, e as CellError);
    }
  }
  return { type: 'categorical', texts };
}

/** A numeric cell: missing spellings are NaN (imputation fills them); text that is no number is an error. */
function numberOf(column: string, value: RawCell): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return NaN;
    if (!Number.isFinite(value)) throw new CellError(column, `${value} is not a finite number`);
    return value;
  }
  if (typeof value !== 'string') throw new CellError(column, `expected a number, got ${describe(value)}`);
  if (isMissingToken(value)) return NaN;
  const v = parseNumber(value);
  if (v !== null) return v;
  const what = isNonFiniteToken(value) ? 'is not a finite number' : 'is not a number';
  throw new CellError(column, `'${clip(value)}' ${what}`);
}

/** A categorical cell: trimmed, as the CSV parser stores categories; JSON numbers and booleans as their text. */
function textOf(column: string, value: RawCell): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new CellError(column, `expected text, got ${describe(value)}`);
  return isMissingToken(value) ? null : value.trim();
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
}

/** Long cells are cut in messages, which must stay one readable line. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
