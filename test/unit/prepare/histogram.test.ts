import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import type { NumericColumn } from '../../../src/core/collect/table.ts';
import { binCount, finiteSorted, histogram, maxBins } from '../../../src/core/prepare/histogram.ts';

const iris = parseCsv(readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8'), 'iris.csv');
const petalLength = (iris.columns[2] as NumericColumn).values;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('histogram', () => {
  it('counts every present value once, with edges from min to max', () => {
    const values = fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(values, (xs) => {
        const present = xs.filter((v) => !Number.isNaN(v));
        const h = histogram(Float64Array.from(xs));
        if (present.length === 0) return h === undefined;
        const { edges, counts } = h!;
        expect(sum(counts)).toBe(present.length);
        expect(counts).toHaveLength(edges.length - 1);
        expect(counts.length).toBeLessThanOrEqual(maxBins);
        expect(edges[0]).toBeLessThanOrEqual(Math.min(...present));
        expect(edges.at(-1)).toBeGreaterThanOrEqual(Math.max(...present));
        edges.slice(1).forEach((e, k) => expect(e).toBeGreaterThan(edges[k]));
        return true;
      }),
    );
  });

  it('puts the maximum in the last bin and edges exactly at min and max', () => {
    const h = histogram([0.5, 1.25, 2, 3.75, 4.5])!;
    expect(h.edges[0]).toBe(0.5);
    expect(h.edges.at(-1)).toBe(4.5);
    expect(h.counts.at(-1)).toBeGreaterThanOrEqual(1);
  });

  it('gives whole numbers one bin per value, centred on it', () => {
    expect(histogram([1, 2, 2, 3, 3, 3])).toEqual({ edges: [0.5, 1.5, 2.5, 3.5], counts: [1, 2, 3] });
    expect(histogram([0, 1, 1, NaN])).toEqual({ edges: [-0.5, 0.5, 1.5], counts: [1, 2] });
  });

  it('gives a constant fractional column one bin around the value', () => {
    expect(histogram([2.5, 2.5, NaN])).toEqual({ edges: [2, 3], counts: [2] });
  });

  it('keeps one bin when the range is too narrow for floats to split', () => {
    expect(histogram([0, 5e-324, 5e-324])).toEqual({ edges: [0, 5e-324], counts: [3] });
    expect(histogram([1, 1 + 2 ** -52])!.counts).toEqual([2]);
  });

  it('has nothing to draw without values', () => {
    expect(histogram([NaN, NaN])).toBeUndefined();
    expect(histogram([])).toBeUndefined();
  });

  it("uses numpy's 'auto' rule: Sturges on Iris petal length, Freedman–Diaconis on large samples", () => {
    // 150 values: Sturges ceil(log2 150) + 1 = 9; FD: IQR 5.1 - 1.6 = 3.5, width 7 / 150^(1/3) ≈ 1.32 over 5.9 → 5.
    expect(binCount(finiteSorted(petalLength))).toBe(9);
    const h = histogram(petalLength)!;
    expect(h.counts).toHaveLength(9);
    expect(h.edges[0]).toBe(1);
    expect(h.edges.at(-1)).toBe(6.9);
    // 10 000 evenly spread values: IQR 0.5, width 1 / 10000^(1/3) ≈ 0.046 → 22 bins, beating Sturges' 15.
    const uniform = Array.from({ length: 10_000 }, (_, i) => i / 9999);
    expect(binCount(uniform)).toBe(22);
    expect(histogram(uniform)!.counts).toHaveLength(maxBins);
    expect(histogram(uniform, 50)!.counts).toHaveLength(22);
  });
});
