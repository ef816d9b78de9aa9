import { KilnError } from '../errors.ts';
import { assignUnits, groupUnits, splitByGroups, type GroupKey } from './groups.ts';
import { createRng, shuffleInPlace } from './random.ts';
import { groupByStratum, splitRows, type SplitIndices, type Stratum } from './split.ts';

const TWO_POW_32 = 4294967296;

/**
 * Cuts `rows` into k folds for cross-validation. Fold i tests on its own rows and trains on the
 * rest; every row is in exactly one test fold. Without groups, each stratum's rows are dealt
 * round-robin, so per stratum (and overall) the test folds differ in size by at most one. With
 * groups, whole groups are dealt (see `assignUnits`), so a group never straddles train and test.
 * When `validation` > 0, that share of each fold's training rows is held out for validation
 * (same stratification and grouping); otherwise validation is empty.
 *
 * kFold([0, 1, 2, 3], null, 2, 7)
 * // → e.g. [{ train: [1, 2], validation: [], test: [0, 3] }, { train: [0, 3], validation: [], test: [1, 2] }]
 */
export function kFold(
  rows: readonly number[],
  strata: readonly Stratum[] | null,
  k: number,
  seed: number,
  groups?: readonly GroupKey[] | null,
  validation = 0,
): SplitIndices[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be a whole number ≥ 2, got ${k}`);
  if (strata && strata.length !== rows.length) throw new RangeError(`strata has ${strata.length} entries but there are ${rows.length} rows`);
  if (!(validation >= 0 && validation < 1)) throw new RangeError(`validation share must be in [0, 1), got ${validation}`);
  const rng = createRng(seed);
  const foldOf = new Map<number, number>();

  if (groups) {
    const units = groupUnits(rows, groups, strata);
    if (units.length > 0 && units.length < k) {
      throw new KilnError(`only ${units.length} distinct group(s) for ${k} folds; use at most ${units.length} folds`, { path: 'split.folds' });
    }
    const bins = assignUnits(units, new Array<number>(k).fill(1 / k), rng);
    units.forEach((unit, i) => unit.rows.forEach((r) => foldOf.set(r, bins[i])));
    const testUnits = new Array<number>(k).fill(0);
    for (const b of bins) testUnits[b]++;
    const thin = testUnits.findIndex((t) => units.length - t < 2);
    if (validation > 0 && thin >= 0) {
      throw new KilnError(
        `fold ${thin + 1} of ${k} leaves only ${units.length - testUnits[thin]} group(s) to train on, too few to also hold out ` +
          'validation; use fewer folds, or set the validation share to 0',
        { path: 'split.folds' },
      );
    }
  } else {
    if (rows.length > 0 && rows.length < k) {
      throw new KilnError(`only ${rows.length} row(s) for ${k} folds; use at most ${rows.length} folds`, { path: 'split.folds' });
    }
    // Dealing continues across strata, so the folds that get a spare row rotate and totals stay even.
    let offset = 0;
    for (const members of groupByStratum(rows, strata)) {
      shuffleInPlace(members, rng);
      members.forEach((r, i) => foldOf.set(r, (offset + i) % k));
      offset += members.length;
    }
  }

  const sorted = [...rows].sort((a, b) => a - b);
  const position = new Map(rows.map((r, i) => [r, i]));
  const pick = <T>(values: readonly T[], subset: number[]) => subset.map((r) => values[position.get(r)!]);
  return Array.from({ length: k }, (_, f) => {
    const test = sorted.filter((r) => foldOf.get(r) === f);
    const rest = sorted.filter((r) => foldOf.get(r) !== f);
    // Drawn even when unused, so adding validation does not change which rows are tested where.
    const carveSeed = Math.floor(rng() * TWO_POW_32);
    if (validation === 0) return { train: rest, validation: [], test };
    const ratios = { train: 1 - validation, validation, test: 0 };
    const restStrata = strata && pick(strata, rest);
    const inner = groups
      ? splitByGroups(rest, pick(groups, rest), restStrata, ratios, carveSeed)
      : splitRows(rest, restStrata, ratios, carveSeed);
    return { train: inner.train, validation: inner.validation, test };
  });
}

/** Mean and spread of a metric across folds. */
export interface FoldSummary {
  mean: number;
  /** Sample standard deviation (n − 1); NaN with fewer than two values. */
  std: number;
}

/**
 * Mean and sample standard deviation of per-fold scores, for "0.94 ± 0.02" style reporting.
 *
 * summarizeFolds([0.9, 0.95, 1]) // → { mean: 0.95, std: 0.05 }
 */
export function summarizeFolds(values: readonly number[]): FoldSummary {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, v) => a + v, 0) / n;
  if (n < 2) return { mean, std: NaN };
  // Two passes: summing squared deviations from the mean avoids the cancellation of Σx² − n·mean².
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}
