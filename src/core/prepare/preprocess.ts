import { isMissingToken, parseNumber } from '../collect/infer.ts';
import { findColumn } from '../collect/table.ts';
import type { Column, Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import type { TaskKind } from '../spec/schema.ts';

/** How one input column becomes numbers: standardised numeric, or one-hot categories. */
export type FeatureEncoder =
  | { kind: 'numeric'; name: string; fill: number; mean: number; std: number }
  | { kind: 'onehot'; name: string; categories: string[]; fill: string };

/** How the label becomes a number: a class index, or a standardised regression target. */
export type LabelEncoder =
  | { kind: 'classes'; name: string; classes: string[] }
  | { kind: 'target'; name: string; mean: number; std: number };

/** A fitted, JSON-serialisable preprocessing step; `width` is the encoded feature count. */
export interface Preprocessor {
  version: 1;
  features: FeatureEncoder[];
  label: LabelEncoder;
  width: number;
}

/** The column called `name`, or a KilnError listing the columns that do exist. */
export function requireColumn(table: Table, name: string, role: 'label' | 'feature'): Column {
  const column = findColumn(table, name);
  if (!column) {
    const names = table.columns.map((c) => c.name).join(', ');
    throw new KilnError(`${role} column '${name}' not found; columns are ${names}`, { file: table.source });
  }
  return column;
}

/** Indices of rows whose label is present; callers train and evaluate on these only. */
export function rowsWithLabel(table: Table, label: string): number[] {
  const column = requireColumn(table, label, 'label');
  const rows: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const missing = column.type === 'numeric' ? Number.isNaN(column.values[i]) : column.codes[i] < 0;
    if (!missing) rows.push(i);
  }
  return rows;
}

/** Fits feature and label encoders on `trainRows` only, so validation/test rows never leak in. */
export function fitPreprocessor(
  table: Table,
  opts: { label: string; features?: string[]; task: TaskKind },
  trainRows: readonly number[],
): Preprocessor {
  const labelColumn = requireColumn(table, opts.label, 'label');
  const names = opts.features ?? table.columns.map((c) => c.name).filter((n) => n !== opts.label);
  const seen = new Set<string>();
  for (const name of names) {
    if (name === opts.label) {
      throw new KilnError(`column '${name}' is the label, so it cannot also be a feature`, { file: table.source });
    }
    if (seen.has(name)) throw new KilnError(`feature '${name}' is listed twice`, { file: table.source });
    seen.add(name);
  }
  if (names.length === 0) throw new KilnError('there are no feature columns besides the label', { file: table.source });
  if (trainRows.length === 0) throw new KilnError('there are no training rows with a label', { file: table.source });

  const features = names.map((name) => fitFeature(requireColumn(table, name, 'feature'), trainRows));
  const label = fitLabel(labelColumn, opts.task, trainRows, table.source);
  const width = features.reduce((w, f) => w + (f.kind === 'numeric' ? 1 : f.categories.length), 0);
  return { version: 1, features, label, width };
}

function fitFeature(column: Column, rows: readonly number[]): FeatureEncoder {
  if (column.type === 'numeric') {
    const values = rows.map((i) => column.values[i]).filter((v) => !Number.isNaN(v));
    // A column with no training values encodes to 0 everywhere instead of NaN.
    if (values.length === 0) return { kind: 'numeric', name: column.name, fill: 0, mean: 0, std: 1 };
    const { mean, std } = meanStd(values);
    return { kind: 'numeric', name: column.name, fill: median(values), mean, std };
  }
  const counts = new Map<string, number>();
  for (const i of rows) {
    const code = column.codes[i];
    if (code >= 0) counts.set(column.categories[code], (counts.get(column.categories[code]) ?? 0) + 1);
  }
  // Frequency order puts the common categories first; the name tie-break makes it deterministic.
  const categories = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || compareText(a, b));
  return { kind: 'onehot', name: column.name, categories, fill: categories[0] ?? '' };
}

/** Encodes `rows` of `table` into a row-major rows.length × pre.width matrix. */
export function encodeFeatures(pre: Preprocessor, table: Table, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * pre.width);
  const readers = pre.features.map((f) => columnReader(f, requireColumn(table, f.name, 'feature'), table.source));
  const lookups = pre.features.map(categoryIndex);
  rows.forEach((row, r) => {
    let at = r * pre.width;
    pre.features.forEach((f, k) => {
      at = writeFeature(f, lookups[k], readers[k](row), out, at);
    });
  });
  return out;
}

/** Encodes one row given as plain values keyed by column name (in-page prediction, exported models). */
export function encodeRecord(pre: Preprocessor, record: Record<string, string | number | null | undefined>): Float32Array {
  const out = new Float32Array(pre.width);
  let at = 0;
  for (const f of pre.features) at = writeFeature(f, categoryIndex(f), valueReader(f, record[f.name]), out, at);
  return out;
}

/** Encodes the label of each row: class index (as a float, -1 for a class unseen in training) or standardised target; NaN when missing. */
export function encodeLabels(pre: Preprocessor, table: Table, rows: readonly number[]): Float32Array {
  const label = pre.label;
  const column = requireColumn(table, label.name, 'label');
  const out = new Float32Array(rows.length);
  if (label.kind === 'target') {
    const read = columnReader({ kind: 'numeric', name: label.name, fill: NaN, mean: 0, std: 1 }, column, table.source);
    rows.forEach((row, r) => {
      const v = read(row);
      out[r] = typeof v === 'number' ? (v - label.mean) / label.std : NaN;
    });
    return out;
  }
  const index = new Map(label.classes.map((c, i) => [c, i]));
  rows.forEach((row, r) => {
    const text = labelText(column, row);
    out[r] = text === null ? NaN : (index.get(text) ?? -1);
  });
  return out;
}

/** The class name for a class index, or the de-standardised regression value as text. */
export function decodeLabel(pre: Preprocessor, value: number): string {
  const label = pre.label;
  if (label.kind === 'target') return String(Number((value * label.std + label.mean).toPrecision(12)));
  const name = label.classes[Math.round(value)];
  if (name === undefined) throw new RangeError(`class index ${value} is out of range 0..${label.classes.length - 1}`);
  return name;
}

/** One name per encoded column, e.g. ['sepal_length', 'island=Biscoe', 'island=Dream']. */
export function featureNames(pre: Preprocessor): string[] {
  return pre.features.flatMap((f) => (f.kind === 'numeric' ? [f.name] : f.categories.map((c) => `${f.name}=${c}`)));
}

function categoryIndex(f: FeatureEncoder): Map<string, number> | null {
  return f.kind === 'onehot' ? new Map(f.categories.map((c, i) => [c, i])) : null;
}

/** Writes one feature's encoding at `at` and returns the next free position. */
function writeFeature(
  f: FeatureEncoder,
  lookup: Map<string, number> | null,
  raw: number | string | null,
  out: Float32Array,
  at: number,
): number {
  if (f.kind === 'numeric') {
    const v = typeof raw === 'number' && !Number.isNaN(raw) ? raw : f.fill;
    out[at] = (v - f.mean) / f.std;
    return at + 1;
  }
  const k = lookup!.get(raw === null ? f.fill : String(raw));
  if (k !== undefined) out[at + k] = 1; // an unseen category leaves every slot 0
  return at + f.categories.length;
}

function fitLabel(column: Column, task: TaskKind, rows: readonly number[], source: string): LabelEncoder {
  const name = column.name;
  if (task === 'regression') {
    if (column.type !== 'numeric') {
      const example = column.categories[0] ?? '';
      throw new KilnError(`label '${name}' is not numeric (e.g. '${example}'), so it cannot be a regression target; use classification`, { file: source, column: name });
    }
    const values = rows.map((i) => column.values[i]).filter((v) => !Number.isNaN(v));
    if (values.length === 0) throw new KilnError(`label '${name}' has no values in the training rows`, { file: source, column: name });
    return { kind: 'target', name, ...meanStd(values) };
  }
  const seen = new Set<string>();
  for (const i of rows) {
    const text = labelText(column, i);
    if (text !== null) seen.add(text);
  }
  const classes = [...seen];
  // Numeric class codes sort as numbers so '10' follows '9'; text classes sort alphabetically.
  const numeric = classes.every((c) => parseNumber(c) !== null);
  classes.sort(numeric ? (a, b) => Number(a) - Number(b) : compareText);
  if (classes.length === 0) throw new KilnError(`label '${name}' has no values in the training rows`, { file: source, column: name });
  if (classes.length === 1) {
    throw new KilnError(`label '${name}' has only one class ('${classes[0]}'); a classifier needs at least two`, { file: source, column: name });
  }
  return { kind: 'classes', name, classes };
}

/** Reads a table cell as the type the encoder expects; text in a column trained as numeric is an error. */
function columnReader(f: FeatureEncoder, column: Column, source: string): (row: number) => number | string | null {
  if (f.kind === 'onehot') return (i) => labelText(column, i);
  if (column.type === 'numeric') return (i) => column.values[i];
  // The new data typed this column as text (e.g. one stray word): accept the cells that are numbers.
  const parsed = column.categories.map((c) => parseNumber(c));
  return (i) => {
    const code = column.codes[i];
    if (code < 0) return null;
    const v = parsed[code];
    if (v === null) throw new KilnError(`'${column.categories[code]}' is not a number`, { file: source, column: f.name });
    return v;
  };
}

/** Reads a plain value (form input, JSON) as the type the encoder expects. */
function valueReader(f: FeatureEncoder, value: string | number | null | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : f.kind === 'numeric' ? value : String(value);
  if (isMissingToken(value)) return null;
  if (f.kind === 'onehot') return value.trim();
  const v = parseNumber(value);
  if (v === null) throw new KilnError(`'${value}' is not a number`, { column: f.name });
  return v;
}

/** A cell as text ('0', '2.5', 'Adelie'), or null when missing. */
function labelText(column: Column, i: number): string | null {
  if (column.type === 'numeric') return Number.isNaN(column.values[i]) ? null : String(column.values[i]);
  const code = column.codes[i];
  return code < 0 ? null : column.categories[code];
}

/** Mean and population std; std falls back to 1 so constant columns encode to 0, never NaN. */
function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  const std = Math.sqrt(variance);
  return { mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Code-unit order: the same in every browser and locale, so fitted encoders are reproducible. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
