import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Column } from '../../../src/core/collect/table.ts';
import { classStrata, missingBin, regressionStrata, splitStrata } from '../../../src/core/split/strata.ts';

/** How many values landed in each bin, indexed by bin. */
function binSizes(strata: number[]): number[] {
  const sizes: number[] = [];
  for (const b of strata) if (b !== missingBin) sizes[b] = (sizes[b] ?? 0) + 1;
  return sizes;
}

describe('regressionStrata', () => {
  it('cuts distinct values into equal quantile bins, lowest values in bin 0', () => {
    expect(regressionStrata([5, 1, 4, 2, 3, 6], 3)).toEqual([2, 0, 1, 0, 1, 2]);
    expect(regressionStrata(Float64Array.from([10, 20, 30, 40, 50, 60, 70]), 3)).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });

  it('gives min(bins, n) bins whose sizes differ by at most one when values are distinct', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.double({ noNaN: true }), { maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (values, bins) => {
        const strata = regressionStrata(values, bins);
        const sizes = binSizes(strata);
        expect(sizes.length).toBe(Math.min(bins, new Set(values).size));
        if (sizes.length > 0) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('keeps ties in one bin, orders bins by value and leaves none empty', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (values, bins) => {
        const strata = regressionStrata(values, bins);
        const binOf = new Map<number, number>();
        values.forEach((v, i) => {
          expect(binOf.get(v) ?? strata[i]).toBe(strata[i]);
          binOf.set(v, strata[i]);
        });
        const distinct = [...binOf.keys()].sort((a, b) => a - b);
        const sizes = binSizes(strata);
        expect(sizes.length).toBe(Math.min(bins, distinct.length));
        // Non-decreasing in value, and every bin index 0..n-1 used.
        distinct.forEach((v, i) => i === 0 || expect(binOf.get(v)!).toBeGreaterThanOrEqual(binOf.get(distinct[i - 1])!));
        for (const size of sizes) expect(size).toBeGreaterThan(0);
      }),
    );
  });

  it('re-aims after a big tie so the later bins stay even', () => {
    const values = [...Array(90).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(binSizes(regressionStrata(values, 5))).toEqual([90, 2, 3, 2, 3]);
  });

  it('puts missing targets in their own stratum and rejects a bad bin count', () => {
    expect(regressionStrata([3, NaN, 1, 2], 2)).toEqual([1, missingBin, 0, 1]);
    expect(regressionStrata([], 5)).toEqual([]);
    expect(() => regressionStrata([1, 2], 0)).toThrow(RangeError);
    expect(() => regressionStrata([1, 2], 2.5)).toThrow(RangeError);
  });
});

describe('classStrata and splitStrata', () => {
  const species: Column = { name: 'species', type: 'categorical', categories: ['setosa', 'virginica'], codes: Int32Array.from([0, 1, -1, 1]) };
  const price: Column = { name: 'price', type: 'numeric', values: Float64Array.from([10, 40, 20, 30, 50, 60]) };

  it('reads the class of each listed row, missing as ""', () => {
    expect(classStrata(species, [3, 2, 0])).toEqual(['virginica', '', 'setosa']);
  });

  it('stratifies classification by class and regression by quantile bin (5 by default)', () => {
    expect(splitStrata('classification', species, [0, 1], { stratify: true })).toEqual(['setosa', 'virginica']);
    expect(splitStrata('regression', price, [0, 1, 2, 3, 4, 5], { stratify: true, bins: 3 })).toEqual([0, 1, 0, 1, 2, 2]);
    expect(splitStrata('regression', price, [0, 1, 2, 3, 4, 5], { stratify: true })).toEqual([0, 3, 1, 2, 4, 4]);
    expect(splitStrata('regression', price, [0, 1], { stratify: false })).toBeNull();
  });
});
