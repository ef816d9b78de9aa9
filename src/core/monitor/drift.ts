import type { DriftThresholds, FeatureDrift } from './protocol.ts';
import { chiSquareHomogeneity, ksTwoSample, psi } from './stats.ts';

/** Categories pooled into one chi-square bin when fewer than this many batch rows are expected in each (Cochran's rule). */
const MIN_EXPECTED = 5;

/**
 * The PSI bin edges of a numeric feature: its baseline deciles, deduplicated, above the minimum,
 * so every bin holds some baseline values and ties (whole numbers, flags) do not make empty bins.
 *
 * decileEdges([1, 2, …, 100]) // → [11, 21, 31, 41, 51, 61, 71, 81, 91]
 */
export function decileEdges(sorted: readonly number[]): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const edges: number[] = [];
  for (let k = 1; k < 10; k++) {
    const v = sorted[Math.min(n - 1, Math.floor((k * n) / 10))];
    if (v > sorted[0] && v !== edges[edges.length - 1]) edges.push(v);
  }
  return edges;
}

function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v >= edges[mid]) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

function binLabels(edges: readonly number[]): string[] {
  if (edges.length === 0) return ['all'];
  const f = (v: number) => String(Number(v.toPrecision(4)));
  return [`< ${f(edges[0])}`, ...edges.slice(1).map((e, i) => `[${f(edges[i])}, ${f(e)})`), `≥ ${f(edges[edges.length - 1])}`];
}

/**
 * A numeric feature's drift: KS of the batch against the baseline sample, PSI over the baseline
 * deciles; drifted when KS p < ksPValue and (KS ≥ ksStatistic or PSI ≥ psi).
 *
 * numericDrift('x', baselineSample, batchValues, DEFAULT_THRESHOLDS)
 * // → { feature: 'x', type: 'numeric', psi: 0.41, ks: { statistic: 0.27, pValue: 1e-12 }, chiSquare: null, drifted: true, histogram: … }
 */
export function numericDrift(feature: string, baseline: readonly number[], batch: readonly number[], t: DriftThresholds): FeatureDrift {
  const present = batch.filter((v) => !Number.isNaN(v));
  const edges = decileEdges(baseline);
  const expected = binCounts(baseline, edges);
  const actual = binCounts(present, edges);
  const score = present.length > 0 ? psi(expected, actual) : 0;
  const ks = ksTwoSample(baseline, present);
  const drifted = present.length > 0 && ks.pValue < t.ksPValue && (ks.statistic >= t.ksStatistic || score >= t.psi);
  return { feature, type: 'numeric', psi: score, ks, chiSquare: null, drifted, histogram: { bins: binLabels(edges), baseline: expected, batch: actual } };
}

/**
 * A text feature's drift over the baseline's categories (values never seen in the baseline are
 * left out here: categorical_values_check reports them): PSI over the categories, a chi-square test
 * of homogeneity of the baseline and batch counts with rare categories pooled; drifted when p < chiSquarePValue and (L∞ ≥ ksStatistic or PSI ≥ psi).
 *
 * categoricalDrift('colour', [{ value: 'red', count: 50 }, { value: 'blue', count: 50 }], ['red', 'red', …], DEFAULT_THRESHOLDS)
 */
export function categoricalDrift(
  feature: string,
  baseline: readonly { value: string; count: number }[],
  batch: readonly (string | null)[],
  t: DriftThresholds,
): FeatureDrift {
  const index = new Map(baseline.map((b, i) => [b.value, i]));
  const actual = new Array<number>(baseline.length).fill(0);
  for (const v of batch) {
    const i = v === null ? undefined : index.get(v);
    if (i !== undefined) actual[i]++;
  }
  const expected = baseline.map((b) => b.count);
  const n = actual.reduce((s, v) => s + v, 0);
  const total = expected.reduce((s, v) => s + v, 0);
  const score = n > 0 && total > 0 ? psi(expected, actual) : 0;
  const distance = n > 0 && total > 0 ? Math.max(0, ...expected.map((e, i) => Math.abs(actual[i] / n - e / total))) : 0;
  const test = n > 0 && total > 0 ? pooledChiSquare(expected, actual) : { statistic: 0, df: 0, pValue: 1 };
  const drifted = n > 0 && test.pValue < t.chiSquarePValue && (distance >= t.ksStatistic || score >= t.psi);
  return {
    feature,
    type: 'categorical',
    psi: score,
    ks: null,
    chiSquare: test,
    drifted,
    histogram: { bins: baseline.map((b) => b.value), baseline: expected, batch: actual },
  };
}

/**
 * Chi-square homogeneity of baseline and batch counts, with the categories whose expected count in
 * the smaller sample is under MIN_EXPECTED pooled into one bin (Cochran's rule).
 */
function pooledChiSquare(baseline: readonly number[], batch: readonly number[]) {
  const nBase = baseline.reduce((s, v) => s + v, 0);
  const nBatch = batch.reduce((s, v) => s + v, 0);
  const smaller = Math.min(nBase, nBatch);
  const a: number[] = [];
  const b: number[] = [];
  let pooledA = 0;
  let pooledB = 0;
  baseline.forEach((e, i) => {
    if ((smaller * (e + batch[i])) / (nBase + nBatch) < MIN_EXPECTED) {
      pooledA += e;
      pooledB += batch[i];
    } else {
      a.push(e);
      b.push(batch[i]);
    }
  });
  if (pooledA + pooledB > 0) {
    a.push(pooledA);
    b.push(pooledB);
  }
  return chiSquareHomogeneity(a, b);
}
