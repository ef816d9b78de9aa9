import { cellText, type Column, type ColumnType, type Table } from '../collect/table.ts';
import { finiteSorted, sortedHistogram, type Histogram } from './histogram.ts';
import { requireColumn } from './preprocess.ts';
import { quantile } from './steps/stats.ts';
import { detectTask } from './task.ts';

/** A value and how many rows hold it. */
export interface ValueCount {
  value: string;
  count: number;
}

/** Type-7 quantiles of a numeric column (numpy's default, linear between neighbours). */
export interface Quantiles {
  p5: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
}

/** Summary statistics of one column, as shown in the Collect and Prepare panels. */
export interface ColumnProfile {
  name: string;
  type: ColumnType;
  missing: number;
  /** Distinct non-missing values. */
  distinct: number;
  /** Numeric columns with at least one value only. */
  min?: number;
  max?: number;
  mean?: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  std?: number;
  /** Categorical columns only: up to 10 most frequent values, ties in order of first appearance. */
  topValues?: ValueCount[];
  /** Detailed profiles only (numeric, at least one value). */
  quantiles?: Quantiles;
  /** Detailed profiles only (numeric, at least one value): see histogram.ts for the bins. */
  histogram?: Histogram;
  /** Detailed profiles only: the first few cells as text, null when missing. */
  sample?: (string | null)[];
}

/** Summary of a whole table, plain data so it can cross a worker boundary. */
export interface TableProfile {
  source: string;
  rowCount: number;
  columnCount: number;
  columns: ColumnProfile[];
  /** Present when a label was named; classCounts only when the label looks like classes. */
  label?: { name: string; classCounts?: ValueCount[] };
}

/** `detail` adds quantiles, a histogram and a sample of raw cells to each column (the Prepare panel's view). */
export interface ProfileOptions {
  detail?: boolean;
}

const topCount = 10;
const sampleSize = 5;

/** Profiles every column of `table`, and the class balance of `label` when given. */
export function profileTable(table: Table, label?: string, opts: ProfileOptions = {}): TableProfile {
  const profile: TableProfile = {
    source: table.source,
    rowCount: table.rowCount,
    columnCount: table.columns.length,
    columns: table.columns.map((c) => (opts.detail ? detailColumn(c) : profileColumn(c))),
  };
  if (label !== undefined) {
    const column = requireColumn(table, label, 'label');
    profile.label =
      detectTask(column) === 'classification' ? { name: label, classCounts: classCounts(column) } : { name: label };
  }
  return profile;
}

/** `sorted`: the column's finite values ascending, when the caller has them (the distinct count is then a run count). */
function profileColumn(column: Column, sorted?: Float64Array): ColumnProfile {
  if (column.type === 'categorical') {
    const counts = codeCounts(column.codes, column.categories.length);
    const present = counts.reduce((a, b) => a + b, 0);
    // Array.prototype.sort is stable, so equal counts keep first-appearance order.
    const topValues = column.categories
      .map((value, k) => ({ value, count: counts[k] }))
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count)
      .slice(0, topCount);
    const distinct = counts.filter((c) => c > 0).length;
    return { name: column.name, type: 'categorical', missing: column.codes.length - present, distinct, topValues };
  }
  const values = column.values;
  // One pass for count, min, max and sum, a second for the variance about the mean: subtracting
  // the mean first avoids catastrophic cancellation on large values. NaN (missing) is skipped.
  let present = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    present++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const base: ColumnProfile = { name: column.name, type: 'numeric', missing: values.length - present, distinct: sorted && present === sorted.length ? runCount(sorted) : distinctCount(values) };
  if (present === 0) return base;
  const mean = sum / present;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) squares += (v - mean) * (v - mean);
  }
  const std = present > 1 ? Math.sqrt(squares / (present - 1)) : 0;
  return { ...base, min, max, mean, std };
}

/** The basic profile plus quantiles, histogram and sample; sorts each numeric column once. */
function detailColumn(column: Column): ColumnProfile {
  const sample = Array.from({ length: Math.min(sampleSize, rowsOf(column)) }, (_, i) => cellText(column, i));
  if (column.type === 'categorical') return { ...profileColumn(column), sample };
  const sorted = finiteSorted(column.values);
  const base = profileColumn(column, sorted);
  if (base.min === undefined) return { ...base, sample };
  const at = (p: number) => quantile(sorted, p);
  const quantiles = { p5: at(0.05), p25: at(0.25), median: at(0.5), p75: at(0.75), p95: at(0.95) };
  return { ...base, quantiles, histogram: sortedHistogram(sorted), sample };
}

function rowsOf(column: Column): number {
  return column.type === 'numeric' ? column.values.length : column.codes.length;
}

/** Rows per class: categories in first-appearance order, numbers ascending. */
function classCounts(column: Column): ValueCount[] {
  if (column.type === 'categorical') {
    const counts = codeCounts(column.codes, column.categories.length);
    return column.categories.map((value, k) => ({ value, count: counts[k] })).filter((v) => v.count > 0);
  }
  const counts = new Map<number, number>();
  for (const v of column.values) if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([v, count]) => ({ value: String(v), count }));
}

function codeCounts(codes: Int32Array, size: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const c of codes) if (c >= 0) counts[c]++;
  return counts;
}

/**
 * Distinct non-missing values of a numeric column (0 and -0 are one value), counted in a hash set
 * of the doubles' bits: one pass, memory in proportion to the distinct values, where sorting a
 * copy of the column costs n log n and a whole copy.
 *
 * distinctCount(Float64Array.of(1, NaN, 1, 2, -0, 0)) // → 3
 */
export function distinctCount(values: Float64Array): number {
  let table: Float64Array = new Float64Array(1024).fill(NaN); // NaN marks an empty slot: missing values are never stored
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v !== v) continue;
    if (v === 0) v = 0; // -0 → 0
    const s = slotOf(table, v);
    if (table[s] === v) continue;
    table[s] = v;
    if (++count * 2 > table.length) table = grown(table);
  }
  return count;
}

/** Distinct values of ascending `sorted`. */
function runCount(sorted: Float64Array): number {
  let runs = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) runs++;
  return runs;
}

const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** Where `v` is in the open-addressed `table` (NaN = empty), or the empty slot where it belongs. */
function slotOf(table: Float64Array, v: number): number {
  scratch[0] = v;
  let h = Math.imul(scratchBits[0] ^ Math.imul(scratchBits[1], 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  const mask = table.length - 1;
  let s = (h ^ (h >>> 16)) & mask;
  for (let held = table[s]; held === held && held !== v; held = table[s]) s = (s + 1) & mask;
  return s;
}

/** `table` rehashed into twice the slots. */
function grown(table: Float64Array): Float64Array {
  const to = new Float64Array(table.length * 2).fill(NaN);
  for (const v of table) if (v === v) to[slotOf(to, v)] = v;
  return to;
}
