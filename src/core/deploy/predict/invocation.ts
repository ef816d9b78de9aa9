import Papa from 'papaparse';
import { KilnError } from '../../errors.ts';
import type { TableModelDoc } from '../model-doc.ts';
import type { RawCell } from './cells.ts';
import { CsvRowReader } from './csv-rows.ts';
import type { RowPrediction } from './decode.ts';
import type { RawChunk } from './encode-chunk.ts';

// The body formats of SageMaker's POST /invocations, kept free of HTTP so they are tested as data.
// https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html

/** The two body formats Kiln reads and writes. */
export type BodyFormat = 'csv' | 'json';

/** The request body's format from its Content-Type (parameters such as charset ignored); null when unsupported. */
export function requestFormat(contentType: string | undefined): BodyFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'text/csv' ? 'csv' : type === 'application/json' ? 'json' : null;
}

/** The response format from Accept (JSON when absent or anything goes); null when nothing offered is acceptable. */
export function responseFormat(accept: string | undefined): BodyFormat | null {
  if (!accept || !accept.trim()) return 'json';
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  for (const type of types) {
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
    if (type === 'text/csv' || type === 'text/*') return 'csv';
  }
  return null;
}

/**
 * The rows of a request body. CSV: one row per line; when the first line names every field it is
 * a header, otherwise the rows are in `doc.fields` order (what Batch Transform sends with
 * SplitType Line). JSON: `{"instances": [...]}`, a list, or one instance; an instance is an object
 * keyed by column, or a list of values in `doc.fields` order.
 *
 * invocationRows(irisDoc, 'csv', '5.1,3.5,1.4,0.2\n') // → { columns: [fields…], rows: [['5.1', '3.5', '1.4', '0.2']], headerless: true }
 */
export function invocationRows(doc: TableModelDoc, format: BodyFormat, body: string): RawChunk {
  return format === 'csv' ? csvRows(doc, body) : jsonRows(doc, body);
}

function csvRows(doc: TableModelDoc, body: string): RawChunk {
  const reader = new CsvRowReader('request');
  const rows = [...reader.push(body), ...reader.finish()];
  if (rows.length === 0) throw new KilnError('the request has no rows');
  const first = rows[0].cells.map((c) => c.trim());
  const header = doc.fields.every((f) => first.includes(f));
  const data = header ? rows.slice(1) : rows;
  if (data.length === 0) throw new KilnError('the request has a header but no rows');
  const bad = data.findIndex((r) => r.error !== null);
  if (bad >= 0) throw new KilnError(`row ${bad + 1}: ${data[bad].error}`);
  return header ? { columns: first, rows: data.map((r) => r.cells) } : { columns: doc.fields, rows: data.map((r) => r.cells), headerless: true };
}

function jsonRows(doc: TableModelDoc, body: string): RawChunk {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw new KilnError(`the body is not valid JSON (${(e as Error).message})`);
  }
  let list: unknown[];
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'instances' in json) {
    const instances = (json as { instances: unknown }).instances;
    if (!Array.isArray(instances)) throw new KilnError('"instances" must be a list');
    list = instances;
  } else if (Array.isArray(json)) {
    // A list of plain values is one instance in field order, not a list of instances.
    list = json.length > 0 && json.every((v) => v === null || typeof v !== 'object') ? [json] : json;
  } else list = [json];
  if (list.length === 0) throw new KilnError('the request has no instances');
  const rows = list.map((instance, i): RawCell[] => {
    if (Array.isArray(instance)) return instance as RawCell[];
    if (typeof instance !== 'object' || instance === null) {
      throw new KilnError(`instance ${i + 1} must be an object of column values or a list of values in the order ${doc.fields.join(', ')}`);
    }
    const record = instance as Record<string, RawCell>;
    return doc.fields.map((f) => record[f]);
  });
  const headerless = list.some((instance) => Array.isArray(instance));
  return { columns: doc.fields, rows, headerless };
}

/**
 * The response body: JSON `{"predictions": [{"prediction": "setosa", "probabilities": {"setosa": 0.97, …}}]}`
 * (regression: just `prediction`), or CSV with one line per row: prediction, then each class's probability.
 *
 * formatPredictions([{ prediction: 'a', probabilities: [0.9, 0.1] }], ['a', 'b'], 'csv') // → 'a,0.9,0.1\n'
 */
export function formatPredictions(predictions: readonly RowPrediction[], classes: readonly string[] | null, format: BodyFormat): string {
  if (format === 'csv') {
    const rows = predictions.map((p) => [p.prediction, ...(p.probabilities ?? [])]);
    return Papa.unparse(rows, { newline: '\n' }) + '\n';
  }
  const items = predictions.map((p) =>
    p.probabilities && classes ? { prediction: p.prediction, probabilities: Object.fromEntries(classes.map((c, k) => [c, p.probabilities![k]])) } : { prediction: p.prediction },
  );
  return JSON.stringify({ predictions: items });
}

/**
 * The 400 body for rows that could not be predicted, rows numbered from 1.
 *
 * rowErrorBody([null, "column 'x': 'abc' is not a number"])
 * // → { error: "row 2: column 'x': 'abc' is not a number", rows: [{ row: 2, error: "column 'x': 'abc' is not a number" }] }
 */
export function rowErrorBody(errors: readonly (string | null)[]): { error: string; rows: { row: number; error: string }[] } {
  const rows = errors.flatMap((error, i) => (error === null ? [] : [{ row: i + 1, error }]));
  const [first] = rows;
  const more = rows.length > 1 ? ` (and ${rows.length - 1} more row${rows.length > 2 ? 's' : ''})` : '';
  return { error: `row ${first.row}: ${first.error}${more}`, rows };
}
