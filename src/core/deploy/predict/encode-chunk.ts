import type { Column, Table } from '../../collect/table.ts';
import { isKilnError } from '../../errors.ts';
import { encodeFeatures } from '../../prepare/preprocess.ts';
import { categoricalColumn, numericColumn } from '../../prepare/steps/columns.ts';
import { applyFitted, type InputRecord } from '../../prepare/steps/fit.ts';
import type { TableModelDoc } from '../model-doc.ts';
import { readField, type FieldCells, type RawCell } from './cells.ts';

/** Rows to predict: each row's cells in `columns` order (a CSV chunk under its header). */
export interface RawChunk {
  columns: readonly string[];
  rows: readonly (readonly RawCell[])[];
  /** True when the rows came without a header, in the model's field order (shapes the ragged-row message). */
  headerless?: boolean;
}

/** A chunk encoded for the network: the rows that could be encoded, and why the others could not. */
export interface EncodedChunk {
  /** encoded.length × preprocessor.width numbers, row-major. */
  features: Float32Array;
  /** Chunk row index of each row in `features`, ascending. */
  encoded: number[];
  /** One entry per chunk row: null, or a readable reason (`column 'x': 'abc' is not a number`). */
  errors: (string | null)[];
}

/**
 * Encodes a chunk of raw rows exactly as training did: the fitted prepare steps (applyFitted on a
 * table of the whole chunk, for speed), then the preprocessor. Columns the model does not read are
 * ignored (the label among them); a column the chunk lacks counts as missing in every row. When the
 * steps throw for the chunk, each row is retried alone, so only the bad rows get an error.
 *
 * encodeChunk(irisDoc, { columns: ['sepal_length', …], rows: [['5.1', …], ['abc', …]] })
 * // → { features: Float32Array(4), encoded: [0], errors: [null, "column 'sepal_length': 'abc' is not a number"] }
 */
export function encodeChunk(doc: TableModelDoc, chunk: RawChunk): EncodedChunk {
  const n = chunk.rows.length;
  const errors: (string | null)[] = new Array(n).fill(null);
  const width = chunk.columns.length;
  const expected = chunk.headerless ? `the model takes ${width} (${chunk.columns.join(', ')})` : `the header has ${width}`;
  chunk.rows.forEach((row, r) => {
    if (row.length !== width) errors[r] = `has ${row.length} value${row.length === 1 ? '' : 's'} but ${expected}`;
  });
  const fields = doc.schema.map((field) => {
    const at = chunk.columns.indexOf(field.name);
    const cell = at < 0 ? () => null : (r: number) => chunk.rows[r][at];
    return readField(field, n, cell, (r, e) => (errors[r] ??= e.message));
  });
  const good: number[] = [];
  for (let r = 0; r < n; r++) if (errors[r] === null) good.push(r);
  try {
    return { features: encodeRows(doc, fields, good), encoded: good, errors };
  } catch {
    // Some row broke a step: find which, one row at a time; the rest are predicted as usual.
    const parts: Float32Array[] = [];
    const encoded: number[] = [];
    for (const r of good) {
      try {
        parts.push(encodeRows(doc, fields, [r]));
        encoded.push(r);
      } catch (e) {
        errors[r] = rowError(e);
      }
    }
    return { features: concat(parts, encoded.length * doc.preprocessor.width), encoded, errors };
  }
}

/**
 * encodeChunk for objects keyed by column name (JSON requests, a prediction form); absent keys are missing.
 *
 * encodeRecords(irisDoc, [{ sepal_length: 5.1, sepal_width: '3.5', petal_length: 1.4 }]).errors // → [null]
 */
export function encodeRecords(doc: TableModelDoc, records: readonly InputRecord[]): EncodedChunk {
  return encodeChunk(doc, { columns: doc.fields, rows: records.map((record) => doc.fields.map((f) => record[f])) });
}

/** The fitted steps and the preprocessor over `rows` of the read fields; throws when a step refuses a value. */
function encodeRows(doc: TableModelDoc, fields: FieldCells[], rows: readonly number[]): Float32Array {
  if (rows.length === 0) return new Float32Array(0);
  const columns = doc.schema.map((field, k): Column => {
    const cells = fields[k];
    return cells.type === 'numeric'
      ? numericColumn(field.name, Float64Array.from(rows, (r) => cells.values[r]))
      : categoricalColumn(field.name, rows.map((r) => cells.texts[r]));
  });
  // No source: a row's error is shown on that row, so file and line would only repeat it.
  const table: Table = { source: '', rowCount: rows.length, columns, warnings: [] };
  const prepared = applyFitted(table, doc.prepare);
  return encodeFeatures(doc.preprocessor, prepared, Array.from({ length: rows.length }, (_, i) => i));
}

/** A step's KilnError as `column 'x': detail`; anything else by its message. */
function rowError(e: unknown): string {
  if (isKilnError(e)) return e.where.column !== undefined ? `column '${e.where.column}': ${e.detail}` : e.detail;
  return e instanceof Error ? e.message : String(e);
}

function concat(parts: Float32Array[], length: number): Float32Array {
  const out = new Float32Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
