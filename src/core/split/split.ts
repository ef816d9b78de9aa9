import { createRng, shuffleInPlace } from './random.ts';

/** Fractions of the rows for each split; they must add up to 1. */
export interface SplitRatios {
  train: number;
  validation: number;
  test: number;
}

/** Row indices in each split, each array sorted ascending. */
export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}

/** Number of rows in each split, e.g. `{ train: 105, validation: 23, test: 22 }`. */
export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

/** The three splits, in the order every per-split array in this folder uses. */
export const splitNames = ['train', 'validation', 'test'] as const;
/** One of `train`, `validation`, `test`. */
export type SplitName = (typeof splitNames)[number];
/** A row's class (or regression bin) for stratifying. */
export type Stratum = string | number;
const SPLITS = splitNames;
/** Snapping/comparison grid: products like 50 × 0.7 come out as 34.999…, which must count as 35. */
const EPS = 1e-9;

/**
 * Splits `rows` into train/validation/test, stratified by `strata[k]` (the class of `rows[k]`)
 * or purely at random when `strata` is null. Per stratum, each split gets within one row of
 * n × ratio and the counts add up to n exactly; the output depends only on the row → stratum
 * mapping and the seed, not on the order of `rows`.
 *
 * splitRows([0, 1, 2, 3], null, { train: 0.5, validation: 0, test: 0.5 }, 7)
 * // → e.g. { train: [1, 2], validation: [], test: [0, 3] }
 */
export function splitRows(
  rows: readonly number[],
  strata: readonly Stratum[] | null,
  ratios: SplitRatios,
  seed: number,
): SplitIndices {
  if (strata && strata.length !== rows.length) {
    throw new RangeError(`strata has ${strata.length} entries but there are ${rows.length} rows`);
  }
  const weights = normalizeRatios(ratios);
  const rng = createRng(seed);
  const out: SplitIndices = { train: [], validation: [], test: [] };
  // Running totals let remainder ties go to whichever split is furthest behind overall.
  const allocated = [0, 0, 0];
  let seen = 0;

  groupByStratum(rows, strata).forEach((members, g) => {
    shuffleInPlace(members, rng);
    seen += members.length;
    const counts = allocate(members.length, weights, allocated, seen, g);
    let start = 0;
    for (let s = 0; s < 3; s++) {
      const bucket = out[SPLITS[s]];
      for (let i = start; i < start + counts[s]; i++) bucket.push(members[i]);
      start += counts[s];
      allocated[s] += counts[s];
    }
  });

  for (const name of SPLITS) out[name].sort((a, b) => a - b);
  return out;
}

/** Sizes of each split, e.g. `{ train: 105, validation: 23, test: 22 }`. */
export function splitCounts(s: SplitIndices): SplitSizes {
  return { train: s.train.length, validation: s.validation.length, test: s.test.length };
}

/** Checks the ratios and rescales them to add up to exactly 1 (up to float rounding). */
export function normalizeRatios(ratios: SplitRatios): number[] {
  const values = SPLITS.map((name) => ratios[name]);
  for (let s = 0; s < 3; s++) {
    if (!Number.isFinite(values[s]) || values[s] < 0) {
      throw new RangeError(`split ratio '${SPLITS[s]}' must be a number ≥ 0, got ${values[s]}`);
    }
  }
  const sum = values[0] + values[1] + values[2];
  if (Math.abs(sum - 1) > 1e-6) throw new RangeError(`split ratios must add up to 1, got ${sum}`);
  return values.map((v) => v / sum);
}

/**
 * Groups rows by stratum, each group sorted ascending and groups ordered by their smallest row,
 * so the result (and hence the split) does not depend on the order the caller listed rows in.
 */
export function groupByStratum(rows: readonly number[], strata: readonly Stratum[] | null): number[][] {
  const order = rows.map((_, k) => k).sort((a, b) => rows[a] - rows[b]);
  const groups = new Map<Stratum, number[]>();
  for (let i = 0; i < order.length; i++) {
    const k = order[i];
    if (i > 0 && rows[k] === rows[order[i - 1]]) throw new RangeError(`row ${rows[k]} is listed twice`);
    const key = strata ? strata[k] : 0;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(rows[k]);
  }
  return [...groups.values()];
}

/**
 * Largest-remainder allocation of `n` rows over the three splits. Ties on the remainder go to
 * the split furthest below its overall target so far, then rotate with the stratum index `g`,
 * so that e.g. three strata of 50 at 70/15/15 give validation/test 8/7, 7/8, … rather than
 * always favouring validation.
 */
function allocate(
  n: number,
  weights: readonly number[],
  allocated: readonly number[],
  seenAfter: number,
  g: number,
): number[] {
  const targets = weights.map((w) => snap(n * w));
  const counts = targets.map(Math.floor);
  const remainder = n - counts[0] - counts[1] - counts[2];
  // Quantize so near-equal floats compare as ties and the sort key is a strict total order.
  const frac = targets.map((t, s) => Math.round((t - counts[s]) / EPS));
  const deficit = weights.map((w, s) => Math.round((seenAfter * w - allocated[s] - counts[s]) / 1e-6));
  const rank = (s: number) => (s - (g % 3) + 3) % 3;
  // The split furthest behind its overall target gets the spare row first, so totals stay within
  // a row of n × ratio as well as each stratum; a split with ratio 0 never gets one.
  const order = [0, 1, 2].filter((s) => weights[s] > 0).sort((a, b) => deficit[b] - deficit[a] || frac[b] - frac[a] || rank(a) - rank(b));
  for (let i = 0; i < remainder; i++) counts[order[i]]++;
  return counts;
}

/** Rounds values within EPS of a whole number to it, so 34.99999999999999 floors to 35. */
function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < EPS ? r : x;
}
