import { cellText, type Column } from '../collect/table.ts';
import type { TaskKind } from '../spec/schema.ts';
import type { Stratum } from './split.ts';

/** Quantile bins used to stratify a regression target when the spec gives none. */
export const defaultBins = 5;

/** Stratum given to a row whose regression target is missing, so it still gets split. */
export const missingBin = -1;

/**
 * The class of each row in `rows`, as text; a missing label becomes '' (its own stratum).
 *
 * classStrata(speciesColumn, [0, 50, 100]) // → ['setosa', 'versicolor', 'virginica']
 */
export function classStrata(label: Column, rows: readonly number[]): string[] {
  return rows.map((r) => cellText(label, r) ?? '');
}

/**
 * Quantile bin (0 = lowest values) of each value, for stratifying a regression target. Equal
 * values always share a bin, and there are min(bins, distinct values) non-empty bins; with no
 * ties the bin sizes differ by at most one. NaN (missing) gets `missingBin`.
 *
 * regressionStrata([5, 1, 4, 2, 3, 6], 3) // → [2, 0, 1, 0, 1, 2]
 */
export function regressionStrata(values: ArrayLike<number>, bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a whole number ≥ 1, got ${bins}`);
  const out = new Array<number>(values.length).fill(missingBin);
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) order.push(i);
  order.sort((a, b) => values[a] - values[b]);

  // Runs of equal values, as lengths in sorted order; a run is never cut between two bins.
  const runs: number[] = [];
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && values[order[i]] === values[order[i - 1]]) runs[runs.length - 1]++;
    else runs.push(1);
  }

  const binCount = Math.min(bins, runs.length);
  let run = 0;
  let pos = 0;
  let remaining = order.length;
  for (let b = 0; b < binCount; b++) {
    const binsLeft = binCount - b;
    // Re-aim at an equal share of what is left, so one big tie early on does not skew the rest.
    const target = remaining / binsLeft;
    let size = 0;
    do {
      size += runs[run++];
    } while (
      // Leave at least one run for every later bin, and only grow while that gets closer to target.
      runs.length - run > binsLeft - 1 &&
      Math.abs(size + runs[run] - target) < Math.abs(size - target)
    );
    for (let i = pos; i < pos + size; i++) out[order[i]] = b;
    pos += size;
    remaining -= size;
  }
  return out;
}

/** What `splitStrata` needs from the split spec. */
export interface StrataOptions {
  stratify: boolean;
  bins?: number;
}

/**
 * The stratum of each row in `rows`: its class for classification, its quantile bin of the
 * target for regression, or null when stratifying is off.
 *
 * splitStrata('regression', priceColumn, rows, { stratify: true }) // → [3, 0, 4, …] (5 bins)
 */
export function splitStrata(
  task: TaskKind,
  label: Column,
  rows: readonly number[],
  { stratify, bins = defaultBins }: StrataOptions,
): Stratum[] | null {
  if (!stratify) return null;
  if (task === 'classification' || label.type === 'categorical') return classStrata(label, rows);
  return regressionStrata(
    rows.map((r) => label.values[r]),
    bins,
  );
}
