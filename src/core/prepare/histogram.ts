import { quantile } from './steps/stats.ts';

/** Bin counts over `edges`: bin k holds values in [edges[k], edges[k+1]), the last bin also its right edge. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** The most bins a profile histogram draws; more only adds noise at thumbnail size. */
export const maxBins = 20;

/**
 * Bins the finite values of `values` (NaN = missing, skipped). The bin count is numpy's
 * 'auto' rule, the larger of Freedman–Diaconis and Sturges, capped at `cap`; whole numbers
 * spanning no more than `cap` values get one bin per value, so 0/1 columns and ratings read right.
 * Edges always run from the minimum to the maximum (half a unit wider for whole numbers).
 *
 * histogram([1, 2, 2, 3, 3, 3]) // → { edges: [0.5, 1.5, 2.5, 3.5], counts: [1, 2, 3] }
 */
export function histogram(values: ArrayLike<number>, cap = maxBins): Histogram | undefined {
  return sortedHistogram(finiteSorted(values), cap);
}

/** histogram() of values already finite and ascending (e.g. finiteSorted's result), without sorting again. */
export function sortedHistogram(sorted: Float64Array, cap = maxBins): Histogram | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const min = sorted[0];
  const max = sorted[n - 1];
  if (sorted.every(Number.isInteger) && max - min + 1 <= cap) {
    const edges = Array.from({ length: max - min + 2 }, (_, k) => min - 0.5 + k);
    return { edges, counts: countInto(sorted, edges) };
  }
  if (min === max) return { edges: [min - 0.5, max + 0.5], counts: [n] };
  const bins = Math.min(cap, Math.max(1, binCount(sorted)));
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? max : min + k * width));
  // A range near the float resolution cannot be cut finer: one bin then.
  if (edges.some((e, k) => k > 0 && e <= edges[k - 1])) return { edges: [min, max], counts: [n] };
  return { edges, counts: countInto(sorted, edges) };
}

/**
 * numpy's 'auto' bin count for ascending, non-constant `sorted`: max(Freedman–Diaconis, Sturges).
 * FD gives bins of width 2·IQR·n^(-1/3) and suits large samples; Sturges (log2 n + 1) small ones.
 *
 * binCount(iris.petal_length) // → 9 (Sturges: 150 values; FD alone would give 5)
 */
export function binCount(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const sturges = Math.ceil(Math.log2(n)) + 1;
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  if (iqr <= 0) return sturges;
  const fd = Math.ceil((sorted[n - 1] - sorted[0]) / (2 * iqr * Math.cbrt(1 / n)));
  return Math.max(fd, sturges);
}

/** Finite values ascending (a typed array sorts numerically and natively, several times faster than an array with a comparator). */
export function finiteSorted(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[n++] = values[i];
  return out.subarray(0, n).sort();
}

function countInto(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  let k = 0;
  for (const v of sorted) {
    // Values arrive ascending, so the bin only ever moves right; the last bin keeps its right edge.
    while (k < counts.length - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  return counts;
}
