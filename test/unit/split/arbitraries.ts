import fc from 'fast-check';
import type { GroupKey } from '../../../src/core/split/groups.ts';
import type { SplitIndices, SplitRatios, Stratum } from '../../../src/core/split/split.ts';

/** Rows with optional per-row strata and group keys, all aligned with `rows`. */
export interface GroupedInput {
  rows: number[];
  strata: Stratum[] | null;
  groups: GroupKey[];
}

/** Ratios from integer weights (so validation can be exactly 0) plus the usual presets. */
export const ratiosArb: fc.Arbitrary<SplitRatios> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }))
    .map(([a, b, c]) => ({ train: a / (a + b + c), validation: b / (a + b + c), test: c / (a + b + c) })),
  fc.constantFrom(
    { train: 0.7, validation: 0.15, test: 0.15 },
    { train: 0.8, validation: 0.1, test: 0.1 },
    { train: 0.5, validation: 0, test: 0.5 },
  ),
);

/** Distinct rows with strata (or null) and group keys: few big groups, many small ones, or some missing. */
export function groupedInputArb(minRows = 0, maxRows = 200): fc.Arbitrary<GroupedInput> {
  return fc.uniqueArray(fc.nat({ max: 100_000 }), { minLength: minRows, maxLength: maxRows }).chain((rows) => {
    const n = rows.length;
    const key = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 60 }), fc.constant(null), fc.constantFrom('p1', 'p2'));
    return fc.record({
      rows: fc.constant(rows),
      strata: fc.oneof(fc.constant(null), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n })),
      groups: fc.array(key, { minLength: n, maxLength: n }) as fc.Arbitrary<GroupKey[]>,
    });
  });
}

/** Rows of each group key; a missing key makes a group of its own. */
export function groupsOf({ rows, groups }: Pick<GroupedInput, 'rows' | 'groups'>): number[][] {
  const byKey = new Map<GroupKey, number[]>();
  const out: number[][] = [];
  rows.forEach((row, k) => {
    const key = groups[k];
    if (key === null || key === undefined) return void out.push([row]);
    if (!byKey.has(key)) out.push(byKey.set(key, []).get(key)!);
    byKey.get(key)!.push(row);
  });
  return out;
}

/** Which part ('train' | 'validation' | 'test') each row landed in. */
export function placeOf(split: SplitIndices): Map<number, string> {
  const where = new Map<number, string>();
  for (const name of ['train', 'validation', 'test'] as const) for (const row of split[name]) where.set(row, name);
  return where;
}

/** All rows of a split, ascending. */
export const allRows = (s: SplitIndices) => [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
