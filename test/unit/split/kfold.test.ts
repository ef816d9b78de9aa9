import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isKilnError } from '../../../src/core/errors.ts';
import { kFold, summarizeFolds } from '../../../src/core/split/kfold.ts';
import type { Stratum } from '../../../src/core/split/split.ts';
import { allRows, groupedInputArb, groupsOf, placeOf } from './arbitraries.ts';

const kArb = fc.integer({ min: 2, max: 10 });
const shareArb = fc.constantFrom(0, 0.1, 0.25);

/** Distinct rows with strata (or null), at least `min` of them. */
const ungroupedArb = (min: number) =>
  fc.uniqueArray(fc.nat({ max: 100_000 }), { minLength: min, maxLength: 200 }).chain((rows) =>
    fc.record({
      rows: fc.constant(rows),
      strata: fc.oneof(
        fc.constant(null),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 30 })) as fc.Arbitrary<Stratum>, {
          minLength: rows.length,
          maxLength: rows.length,
        }),
      ),
    }),
  );

describe('kFold properties', () => {
  it('puts every row in exactly one test fold and partitions the rows within each fold', () => {
    fc.assert(
      fc.property(ungroupedArb(10), kArb, fc.nat(), shareArb, ({ rows, strata }, k, seed, share) => {
        const folds = kFold(rows, strata, k, seed, null, share);
        const sorted = [...rows].sort((a, b) => a - b);
        expect(folds).toHaveLength(k);
        expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(sorted);
        for (const fold of folds) expect(allRows(fold)).toEqual(sorted);
        if (share === 0) for (const fold of folds) expect(fold.validation).toEqual([]);
      }),
    );
  });

  it('gives test folds that differ in size by at most one, per stratum and overall (ungrouped)', () => {
    fc.assert(
      fc.property(ungroupedArb(10), kArb, fc.nat(), ({ rows, strata }, k, seed) => {
        const folds = kFold(rows, strata, k, seed);
        const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
        expect(spread(folds.map((f) => f.test.length))).toBeLessThanOrEqual(1);
        const classes = new Set(strata ?? [0]);
        for (const c of classes) {
          const inClass = (r: number) => (strata ? strata[rows.indexOf(r)] === c : true);
          expect(spread(folds.map((f) => f.test.filter(inClass).length))).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('carves validation from each fold’s training rows at the asked share, within one row per stratum', () => {
    fc.assert(
      fc.property(ungroupedArb(10), kArb, fc.nat(), fc.constantFrom(0.1, 0.25), ({ rows, strata }, k, seed, share) => {
        for (const fold of kFold(rows, strata, k, seed, null, share)) {
          const rest = fold.train.length + fold.validation.length;
          const classes = strata ? new Set(strata).size : 1;
          expect(Math.abs(fold.validation.length - rest * share)).toBeLessThanOrEqual(classes);
        }
      }),
    );
  });

  it('never lets a group straddle train, validation and test within a fold', () => {
    fc.assert(
      fc.property(groupedInputArb(1), kArb, fc.nat(), shareArb, (input, k, seed, share) => {
        const groups = groupsOf(input);
        fc.pre(groups.length >= k);
        let folds;
        try {
          folds = kFold(input.rows, input.strata, k, seed, input.groups, share);
        } catch (e) {
          // A fold whose training part is a single group cannot also give up a validation group.
          expect((e as Error).message).toMatch(/too few to also hold out validation/);
          return fc.pre(false);
        }
        expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual([...input.rows].sort((a, b) => a - b));
        for (const fold of folds) {
          expect(fold.test.length).toBeGreaterThan(0);
          const where = placeOf(fold);
          for (const members of groups) expect(new Set(members.map((r) => where.get(r))).size).toBe(1);
        }
      }),
    );
  });

  it('is deterministic for a seed and changes with it', () => {
    fc.assert(
      fc.property(ungroupedArb(20), kArb, fc.nat(), shareArb, ({ rows, strata }, k, a, share) => {
        // With every stratum a single row there is nothing to shuffle: one split is all there is.
        fc.pre(!strata || new Set(strata).size < strata.length);
        const first = JSON.stringify(kFold(rows, strata, k, a, null, share));
        expect(JSON.stringify(kFold(rows, strata, k, a, null, share))).toBe(first);
        const seeds = Array.from({ length: 32 }, (_, i) => a + 1 + i);
        expect(seeds.some((s) => JSON.stringify(kFold(rows, strata, k, s, null, share)) !== first)).toBe(true);
      }),
    );
  });

  it('tests each row in the same fold whether or not validation is carved', () => {
    fc.assert(
      fc.property(ungroupedArb(10), kArb, fc.nat(), ({ rows, strata }, k, seed) => {
        const plain = kFold(rows, strata, k, seed).map((f) => f.test);
        expect(kFold(rows, strata, k, seed, null, 0.2).map((f) => f.test)).toEqual(plain);
      }),
    );
  });
});

describe('kFold examples', () => {
  it('splits 3 classes × 10 into 5 folds of 2 per class', () => {
    const rows = Array.from({ length: 30 }, (_, i) => i);
    const strata = rows.map((i) => ['a', 'b', 'c'][i % 3]);
    for (const fold of kFold(rows, strata, 5, 42)) {
      expect(['a', 'b', 'c'].map((c) => fold.test.filter((r) => strata[r] === c).length)).toEqual([2, 2, 2]);
      expect(fold.train).toHaveLength(24);
    }
  });

  it('refuses more folds than rows or groups, and bad arguments', () => {
    const tooMany = () => kFold([0, 1, 2], null, 5, 1);
    expect(tooMany).toThrow('split.folds: only 3 row(s) for 5 folds; use at most 3 folds');
    expect(() => kFold([0, 1, 2, 3], null, 3, 1, ['a', 'a', 'b', 'b'])).toThrow(
      'split.folds: only 2 distinct group(s) for 3 folds; use at most 2 folds',
    );
    expect(() => kFold([0, 1, 2, 3], null, 2, 1, ['a', 'a', 'b', 'b'], 0.2)).toThrow(
      'split.folds: fold 1 of 2 leaves only 1 group(s) to train on, too few to also hold out validation; use fewer folds, or set the validation share to 0',
    );
    try {
      tooMany();
    } catch (e) {
      expect(isKilnError(e)).toBe(true);
    }
    expect(() => kFold([0, 1, 2], null, 1, 1)).toThrow(RangeError);
    expect(() => kFold([0, 1, 2], null, 2.5, 1)).toThrow(RangeError);
    expect(() => kFold([0, 1, 2], null, 2, 1, null, 1)).toThrow(RangeError);
    expect(() => kFold([0, 1, 2], [0], 2, 1)).toThrow(RangeError);
    expect(kFold([], null, 3, 1)).toEqual([
      { train: [], validation: [], test: [] },
      { train: [], validation: [], test: [] },
      { train: [], validation: [], test: [] },
    ]);
  });
});

describe('summarizeFolds', () => {
  it('gives the mean and the sample (n − 1) standard deviation', () => {
    const three = summarizeFolds([0.9, 0.95, 1]);
    expect(three.mean).toBeCloseTo(0.95, 12);
    expect(three.std).toBeCloseTo(0.05, 12);
    const eight = summarizeFolds([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(eight.mean).toBe(5);
    expect(eight.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(summarizeFolds([3, 3, 3])).toEqual({ mean: 3, std: 0 });
  });

  it('has no spread for one value and nothing for none', () => {
    expect(summarizeFolds([0.8])).toEqual({ mean: 0.8, std: NaN });
    expect(summarizeFolds([])).toEqual({ mean: NaN, std: NaN });
  });
});
