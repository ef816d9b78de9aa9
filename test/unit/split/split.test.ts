import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitCounts, splitRows } from '../../../src/core/split/split.ts';
import type { SplitIndices, SplitRatios } from '../../../src/core/split/split.ts';

type Stratum = string | number;
interface Input {
  rows: number[];
  strata: Stratum[] | null;
}

const SPLITS = ['train', 'validation', 'test'] as const;

/** Ratios from integer weights (so validation can be exactly 0) plus the usual presets. */
const ratiosArb: fc.Arbitrary<SplitRatios> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }))
    .map(([a, b, c]) => ({ train: a / (a + b + c), validation: b / (a + b + c), test: c / (a + b + c) })),
  fc.constantFrom(
    { train: 0.7, validation: 0.15, test: 0.15 },
    { train: 0.8, validation: 0.1, test: 0.1 },
    { train: 0.6, validation: 0.2, test: 0.2 },
    { train: 0.5, validation: 0, test: 0.5 },
  ),
);

/** Few big classes, many tiny ones, or mixed string/number labels. */
const stratumArb: fc.Arbitrary<Stratum> = fc.oneof(
  fc.integer({ min: 0, max: 2 }),
  fc.integer({ min: 0, max: 40 }),
  fc.constantFrom('a', 'b', 'c'),
);

function inputArb(minRows: number, maxRows = 300): fc.Arbitrary<Input> {
  return fc.uniqueArray(fc.nat({ max: 100_000 }), { minLength: minRows, maxLength: maxRows }).chain((rows) =>
    fc.record({
      rows: fc.constant(rows),
      strata: fc.oneof(
        fc.constant(null),
        fc.array(stratumArb, { minLength: rows.length, maxLength: rows.length }),
      ),
    }),
  );
}

/** rows grouped by stratum (a single group when strata is null). */
function groups({ rows, strata }: Input): Map<Stratum, number[]> {
  const out = new Map<Stratum, number[]>();
  rows.forEach((row, k) => {
    const key = strata ? strata[k] : 0;
    out.set(key, [...(out.get(key) ?? []), row]);
  });
  return out;
}

/** Per stratum, how many of its rows landed in each split. */
function countsPerStratum(input: Input, split: SplitIndices): number[][] {
  const where = new Map<number, number>();
  SPLITS.forEach((name, s) => split[name].forEach((row) => where.set(row, s)));
  return [...groups(input).values()].map((members) => {
    const c = [0, 0, 0];
    for (const row of members) c[where.get(row)!]++;
    return c;
  });
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

/** log of how many distinct splits are possible given the (seed-independent) per-stratum counts. */
function logOutcomes(counts: number[][]): number {
  return counts.reduce((sum, c) => sum + logFactorial(c[0] + c[1] + c[2]) - c.reduce((a, x) => a + logFactorial(x), 0), 0);
}

const run = (input: Input, ratios: SplitRatios, seed: number) => splitRows(input.rows, input.strata, ratios, seed);

describe('splitRows properties', () => {
  it('partitions the rows exactly, each split sorted ascending', () => {
    fc.assert(
      fc.property(inputArb(0), ratiosArb, fc.nat(), (input, ratios, seed) => {
        const split = run(input, ratios, seed);
        for (const name of SPLITS) {
          split[name].forEach((row, i) => i === 0 || expect(row).toBeGreaterThan(split[name][i - 1]));
        }
        const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
        expect(all).toEqual([...input.rows].sort((a, b) => a - b));
      }),
    );
  });

  it('gives each split within one row of n × ratio in every stratum, adding up to n', () => {
    fc.assert(
      fc.property(inputArb(0), ratiosArb, fc.nat(), (input, ratios, seed) => {
        const counts = countsPerStratum(input, run(input, ratios, seed));
        for (const c of counts) {
          const n = c[0] + c[1] + c[2];
          SPLITS.forEach((name, s) => expect(Math.abs(c[s] - n * ratios[name])).toBeLessThanOrEqual(1 + 1e-9));
        }
      }),
    );
  });

  it('is deterministic: same seed, same split; counts never depend on the seed', () => {
    fc.assert(
      fc.property(inputArb(0), ratiosArb, fc.nat(), fc.nat(), (input, ratios, a, b) => {
        expect(run(input, ratios, a)).toEqual(run(input, ratios, a));
        expect(countsPerStratum(input, run(input, ratios, b))).toEqual(countsPerStratum(input, run(input, ratios, a)));
      }),
    );
  });

  it('does not depend on the order rows are listed in', () => {
    fc.assert(
      fc.property(inputArb(0, 100), ratiosArb, fc.nat(), fc.nat(), (input, ratios, seed, rot) => {
        const k = input.rows.length === 0 ? 0 : rot % input.rows.length;
        const rotate = <T>(xs: T[]) => [...xs.slice(k), ...xs.slice(0, k)].reverse();
        const shuffled = { rows: rotate(input.rows), strata: input.strata && rotate(input.strata) };
        expect(run(shuffled, ratios, seed)).toEqual(run(input, ratios, seed));
      }),
    );
  });

  it('differs between seeds for ≥ 20 rows unless only one split is possible', () => {
    fc.assert(
      fc.property(inputArb(20), ratiosArb, fc.nat(), fc.nat(), (input, ratios, a, b) => {
        fc.pre(a !== b);
        const first = run(input, ratios, a);
        const log = logOutcomes(countsPerStratum(input, first));
        if (log === 0) {
          // Every stratum goes wholly to one split: nothing for the seed to change.
          expect(run(input, ratios, b)).toEqual(first);
        } else if (log > Math.log(1e9)) {
          // A chance collision is below 1e-9: the pair itself must differ.
          expect(run(input, ratios, b)).not.toEqual(first);
        } else {
          // Few possible splits (e.g. one row to spare): a single pair may collide by chance,
          // but 32 seeds all colliding would have probability ≤ 2^-32.
          const seeds = Array.from({ length: 32 }, (_, i) => b + i).filter((s) => s !== a);
          expect(seeds.some((s) => JSON.stringify(run(input, ratios, s)) !== JSON.stringify(first))).toBe(true);
        }
      }),
    );
  });

  it('leaves validation empty when its ratio is 0', () => {
    fc.assert(
      fc.property(inputArb(0), fc.integer({ min: 1, max: 99 }), fc.nat(), (input, pct, seed) => {
        const split = run(input, { train: pct / 100, validation: 0, test: 1 - pct / 100 }, seed);
        expect(split.validation).toEqual([]);
        expect(split.train.length + split.test.length).toBe(input.rows.length);
      }),
    );
  });
});

describe('splitRows examples', () => {
  it('splits 3 classes × 50 at 70/15/15 into 35 train and 7–8 validation/test per class', () => {
    const rows = Array.from({ length: 150 }, (_, i) => i);
    const strata = rows.map((i) => ['setosa', 'versicolor', 'virginica'][Math.floor(i / 50)]);
    const input = { rows, strata };
    const split = run(input, { train: 0.7, validation: 0.15, test: 0.15 }, 42);
    for (const [train, validation, test] of countsPerStratum(input, split)) {
      expect(train).toBe(35);
      expect([7, 8]).toContain(validation);
      expect(validation + test).toBe(15);
    }
    const sizes = splitCounts(split);
    expect(sizes.train).toBe(105);
    // Rotating tie-breaks keep the totals balanced: 23/22 or 22/23, never 24/21.
    expect([22, 23]).toContain(sizes.validation);
    expect(sizes.validation + sizes.test).toBe(45);
  });

  it('handles a plain random split and empty input', () => {
    const split = splitRows([5, 3, 9, 1], null, { train: 0.5, validation: 0, test: 0.5 }, 7);
    expect(splitCounts(split)).toEqual({ train: 2, validation: 0, test: 2 });
    expect(splitRows([], null, { train: 0.7, validation: 0.15, test: 0.15 }, 1)).toEqual({
      train: [],
      validation: [],
      test: [],
    });
  });

  it('rejects bad input', () => {
    const r = { train: 0.7, validation: 0.15, test: 0.15 };
    expect(() => splitRows([0, 1], [0], r, 1)).toThrow(RangeError);
    expect(() => splitRows([0, 0], null, r, 1)).toThrow(/twice/);
    expect(() => splitRows([0, 1], null, { train: 0.7, validation: 0.2, test: 0.2 }, 1)).toThrow(/add up to 1/);
    expect(() => splitRows([0, 1], null, { train: 1.2, validation: -0.2, test: 0 }, 1)).toThrow(RangeError);
  });
});
