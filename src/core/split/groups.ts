import { cellText, findColumn, type Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import { createRng, shuffleInPlace, type Rng } from './random.ts';
import { normalizeRatios, splitNames, type SplitIndices, type SplitRatios, type Stratum } from './split.ts';

/** A row's group (e.g. a patient id); null or undefined means "a group of its own". */
export type GroupKey = string | number | null | undefined;

/** Rows that must stay together, with how many of them fall in each stratum. */
export interface GroupUnit {
  /** Row indices, ascending. */
  rows: number[];
  /** [stratum index, count] pairs; stratum indices come from `groupUnits`' `strata` order. */
  strata: [number, number][];
}

/**
 * The group key of each row in `rows`, read from column `name` (missing cells become null).
 *
 * groupKeysFromTable(table, 'patient', [0, 1, 2]) // → ['p7', 'p7', null]
 */
export function groupKeysFromTable(table: Table, name: string, rows: readonly number[]): (string | null)[] {
  const column = findColumn(table, name);
  if (!column) {
    const names = table.columns.map((c) => c.name).join(', ');
    throw new KilnError(`group column '${name}' not found; columns are ${names}`, { file: table.source, path: 'split.group' });
  }
  return rows.map((r) => cellText(column, r));
}

/**
 * Gathers rows into units that must not be separated: one per distinct group key, one per row
 * whose key is missing. Units are ordered by their smallest row, so the result does not depend
 * on the order rows were listed in.
 */
export function groupUnits(
  rows: readonly number[],
  groups: readonly GroupKey[],
  strata: readonly Stratum[] | null,
): GroupUnit[] {
  if (groups.length !== rows.length) throw new RangeError(`groups has ${groups.length} entries but there are ${rows.length} rows`);
  if (strata && strata.length !== rows.length) throw new RangeError(`strata has ${strata.length} entries but there are ${rows.length} rows`);
  const order = rows.map((_, k) => k).sort((a, b) => rows[a] - rows[b]);
  const byKey = new Map<string | number, GroupUnit>();
  const stratumIndex = new Map<Stratum, number>();
  const units: GroupUnit[] = [];
  for (let i = 0; i < order.length; i++) {
    const k = order[i];
    if (i > 0 && rows[k] === rows[order[i - 1]]) throw new RangeError(`row ${rows[k]} is listed twice`);
    const key = groups[k];
    let unit = key === null || key === undefined ? undefined : byKey.get(key);
    if (!unit) {
      unit = { rows: [], strata: [] };
      units.push(unit);
      if (key !== null && key !== undefined) byKey.set(key, unit);
    }
    unit.rows.push(rows[k]);
    const s = strata ? strata[k] : 0;
    let index = stratumIndex.get(s);
    if (index === undefined) stratumIndex.set(s, (index = stratumIndex.size));
    const entry = unit.strata.find((e) => e[0] === index);
    if (entry) entry[1]++;
    else unit.strata.push([index, 1]);
  }
  return units;
}

/**
 * Deals whole units into bins of the given weights (fractions adding up to 1) and returns each
 * unit's bin. Units go largest first, each onto a bin still below its row target; among those,
 * the one whose rows-plus-classes deficit best fits the unit wins (that is "the biggest deficit"
 * when there is one stratum). Row counts come first and classes second, because a group's
 * classes cannot be split: stratification is best-effort. Every bin with weight > 0 gets at
 * least one unit when there are enough units.
 */
export function assignUnits(units: readonly GroupUnit[], weights: readonly number[], rng: Rng): number[] {
  const bins = weights.length;
  const n = units.reduce((sum, u) => sum + u.rows.length, 0);
  const classes = units.reduce((m, u) => u.strata.reduce((mm, [c]) => Math.max(mm, c + 1), m), 0);
  const classTotals = new Float64Array(classes);
  for (const u of units) for (const [c, count] of u.strata) classTotals[c] += count;
  const rowDeficit = weights.map((w) => n * w);
  const classDeficit = weights.map((w) => Float64Array.from(classTotals, (t) => t * w));

  // Shuffle, then sort by power-of-two size class: big units still go first (which keeps the
  // balance tight), but units of similar size swap places with the seed, so the seed matters
  // even when no two groups have exactly the same size.
  const order = shuffleInPlace(units.map((_, i) => i), rng);
  const sizeClass = units.map((u) => Math.floor(Math.log2(u.rows.length)));
  order.sort((a, b) => sizeClass[b] - sizeClass[a]);

  const out = new Array<number>(units.length);
  const positive = weights.map((w) => w > 0);
  const filled = weights.map(() => false);
  let emptyPositive = positive.filter(Boolean).length;
  order.forEach((u, placed) => {
    const unit = units[u];
    const size = unit.rows.length;
    const mustFillEmpty = units.length - placed <= emptyPositive;
    let best: number[] = [];
    let bestKey: [number, number] = [-1, -Infinity];
    for (let b = 0; b < bins; b++) {
      if (!positive[b] || (mustFillEmpty && filled[b])) continue;
      // A bin at or over its row target only takes a unit when no bin is still below it.
      let score = size * rowDeficit[b];
      for (const [c, count] of unit.strata) score += count * classDeficit[b][c];
      const key: [number, number] = [rowDeficit[b] > 1e-9 ? 1 : 0, score];
      const cmp = compareKeys(key, bestKey);
      if (cmp > 0) {
        best = [b];
        bestKey = key;
      } else if (cmp === 0) best.push(b);
    }
    const b = best.length === 1 ? best[0] : best[Math.floor(rng() * best.length)];
    out[u] = b;
    rowDeficit[b] -= size;
    for (const [c, count] of unit.strata) classDeficit[b][c] -= count;
    if (!filled[b]) {
      filled[b] = true;
      emptyPositive--;
    }
  });
  return out;
}

/**
 * Splits `rows` so that rows sharing a group key never straddle two splits, each split's row
 * count as close to n × ratio as whole groups allow (within twice the largest group), and the
 * classes in `strata` balanced as far as that permits. Same inputs and seed, same split.
 *
 * splitByGroups([0, 1, 2, 3], ['a', 'a', 'b', 'c'], null, { train: 0.5, validation: 0, test: 0.5 }, 1)
 * // → e.g. { train: [0, 1], validation: [], test: [2, 3] }
 */
export function splitByGroups(
  rows: readonly number[],
  groups: readonly GroupKey[],
  strata: readonly Stratum[] | null,
  ratios: SplitRatios,
  seed: number,
): SplitIndices {
  const weights = normalizeRatios(ratios);
  const units = groupUnits(rows, groups, strata);
  const needed = weights.filter((w) => w > 0).length;
  if (units.length > 0 && units.length < needed) {
    throw new KilnError(
      `only ${units.length} distinct group(s), but ${needed} splits need at least one each; ` +
        'use a group column with more values, or set the validation share to 0',
      { path: 'split.group' },
    );
  }
  const bins = assignUnits(units, weights, createRng(seed));
  const out: SplitIndices = { train: [], validation: [], test: [] };
  // A group can hold more rows than push(...rows) can take as arguments.
  units.forEach((unit, i) => {
    const part = out[splitNames[bins[i]]];
    for (const row of unit.rows) part.push(row);
  });
  for (const name of splitNames) out[name].sort((a, b) => a - b);
  return out;
}

/** Compares [under, score] keys; scores within a relative 1e-9 count as equal (float noise). */
function compareKeys(a: readonly [number, number], b: readonly [number, number]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  const tol = 1e-9 * Math.max(1, Math.abs(a[1]), Math.abs(b[1]));
  return Math.abs(a[1] - b[1]) <= tol ? 0 : a[1] - b[1];
}
