import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { distinctCount, profileTable } from '../../../src/core/prepare/profile.ts';

const csv = ['x,color,y', '1,red,1', '2,blue,0', '3,red,1', 'NA,,1', '6,green,0', '', ''].join('\n');

describe('profileTable', () => {
  const table = parseCsv(csv, 'p.csv');

  it('summarises the table', () => {
    const p = profileTable(table);
    expect(p).toMatchObject({ source: 'p.csv', rowCount: 5, columnCount: 3 });
    expect(p.label).toBeUndefined();
  });

  it('computes numeric statistics by hand', () => {
    const x = profileTable(table).columns[0];
    // values 1, 2, 3, 6: mean 3; squared deviations 4 + 1 + 0 + 9 = 14; sample variance 14 / 3.
    expect(x).toMatchObject({ name: 'x', type: 'numeric', missing: 1, distinct: 4, min: 1, max: 6, mean: 3 });
    expect(x.std).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(x.topValues).toBeUndefined();
  });

  it('counts categorical values, most frequent first, ties by first appearance', () => {
    const color = profileTable(table).columns[1];
    expect(color).toEqual({
      name: 'color',
      type: 'categorical',
      missing: 1,
      distinct: 3,
      topValues: [
        { value: 'red', count: 2 },
        { value: 'blue', count: 1 },
        { value: 'green', count: 1 },
      ],
    });
  });

  it('keeps only the top 10 values', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `v${i}`).concat(['v11', 'v11']);
    const p = profileTable(parseCsv(['c', ...rows].join('\n'), 'c.csv'));
    const top = p.columns[0].topValues!;
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual({ value: 'v11', count: 3 });
    expect(top.slice(1).map((v) => v.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']);
    expect(p.columns[0].distinct).toBe(12);
  });

  it('gives class counts for a numeric class label in ascending order', () => {
    const p = profileTable(parseCsv('y\n2\n0\n2\n1\n0\n2\n', 'y.csv'), 'y');
    expect(p.label).toEqual({
      name: 'y',
      classCounts: [
        { value: '0', count: 2 },
        { value: '1', count: 1 },
        { value: '2', count: 3 },
      ],
    });
  });

  it('gives class counts for a categorical label in first-appearance order', () => {
    expect(profileTable(table, 'color').label).toEqual({
      name: 'color',
      classCounts: [
        { value: 'red', count: 2 },
        { value: 'blue', count: 1 },
        { value: 'green', count: 1 },
      ],
    });
  });

  it('omits class counts for a regression label', () => {
    expect(profileTable(table, 'x').label).toEqual({ name: 'x' });
  });

  it('single value has std 0; empty numeric column has no statistics', () => {
    const p = profileTable(parseCsv('a,b\n5,x\nNA,y\n', 's.csv'));
    expect(p.columns[0]).toEqual({ name: 'a', type: 'numeric', missing: 1, distinct: 1, min: 5, max: 5, mean: 5, std: 0 });
    const empty = profileTable({ source: 't', rowCount: 2, warnings: [], columns: [{ name: 'n', type: 'numeric', values: Float64Array.from([NaN, NaN]) }] });
    expect(empty.columns[0]).toEqual({ name: 'n', type: 'numeric', missing: 2, distinct: 0 });
  });

  it('is plain JSON data', () => {
    const p = profileTable(table, 'color');
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('rejects an unknown label', () => {
    expect(() => profileTable(table, 'nope')).toThrow("p.csv: label column 'nope' not found; columns are x, color, y");
  });

  describe('with detail', () => {
    const detailed = profileTable(table, 'color', { detail: true });

    it('adds quantiles computed by hand (linear between neighbours, as numpy)', () => {
      // values 1, 2, 3, 6 at positions 0..3; quantile p sits at position 3p.
      // p5 → 0.15: 1 + 0.15·1 = 1.15; p25 → 0.75: 1.75; median → 1.5: 2.5; p75 → 2.25: 3 + 0.25·3 = 3.75; p95 → 2.85: 3 + 0.85·3 = 5.55.
      const q = detailed.columns[0].quantiles!;
      expect(q.p5).toBeCloseTo(1.15, 12);
      expect(q.p25).toBeCloseTo(1.75, 12);
      expect(q.median).toBeCloseTo(2.5, 12);
      expect(q.p75).toBeCloseTo(3.75, 12);
      expect(q.p95).toBeCloseTo(5.55, 12);
    });

    it('adds a histogram of the present values and a sample of raw cells', () => {
      expect(detailed.columns[0].histogram).toEqual({ edges: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5], counts: [1, 1, 1, 0, 0, 1] });
      expect(detailed.columns[0].sample).toEqual(['1', '2', '3', null, '6']);
      expect(detailed.columns[1].sample).toEqual(['red', 'blue', 'red', null, 'green']);
      expect(detailed.columns[1].histogram).toBeUndefined();
    });

    it('keeps the basic statistics and the class balance', () => {
      const basic = profileTable(table, 'color');
      expect(detailed.label).toEqual(basic.label);
      detailed.columns.forEach((c, i) => expect(c).toMatchObject(basic.columns[i]));
    });

    it('leaves an empty numeric column without quantiles or histogram', () => {
      const empty = profileTable({ source: 't', rowCount: 1, warnings: [], columns: [{ name: 'n', type: 'numeric', values: Float64Array.from([NaN]) }] }, undefined, {
        detail: true,
      });
      expect(empty.columns[0]).toEqual({ name: 'n', type: 'numeric', missing: 1, distinct: 0, sample: [null] });
    });

    it('is plain JSON data', () => {
      expect(JSON.parse(JSON.stringify(detailed))).toEqual(detailed);
    });
  });
});

describe('distinctCount', () => {
  it('counts the distinct non-missing values, 0 and -0 as one', () => {
    expect(distinctCount(Float64Array.of(1, Number.NaN, 1, 2, -0, 0))).toBe(3);
    expect(distinctCount(new Float64Array(0))).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 })), { maxLength: 3000 }), (xs) => {
        const reference = new Set(xs.filter((x) => !Number.isNaN(x)).map((x) => (x === 0 ? 0 : x))).size;
        expect(distinctCount(Float64Array.from(xs))).toBe(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a column of a million distinct values through its resizes', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => i * 0.5);
    values[10] = Number.NaN;
    expect(distinctCount(values)).toBe(999_999);
  });
});

