import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { correlationMatrix, pearson, scatterSample } from '../../../src/core/prepare/correlation.ts';
import { fmt } from '../../../src/ui/prepare/format.ts';

const iris = parseCsv(readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8'), 'iris.csv');

describe('pearson', () => {
  it('is exactly ±1 on perfectly linear vectors', () => {
    expect(pearson([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBe(-1);
  });

  it('matches a hand computation', () => {
    // dx = -2..2, dy = -2, 0, 1, 0, 1: Σdxdy = 6, Σdx² = 10, Σdy² = 6 → 6 / √60.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it('is NaN for a constant side or fewer than two complete pairs', () => {
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(pearson([1, NaN, 3], [NaN, 2, NaN])).toBeNaN();
    expect(pearson([1], [1])).toBeNaN();
  });

  it('uses only rows where both values are present', () => {
    expect(pearson([1, 2, NaN, 4], [2, 4, 100, 8])).toBe(1);
  });

  it('keeps precision on large offsets', () => {
    expect(pearson([1e12 + 1, 1e12 + 2, 1e12 + 3], [3, 2, 1])).toBe(-1);
  });
});

describe('correlationMatrix', () => {
  it('reproduces the known Iris correlations, symmetric with a unit diagonal', () => {
    const m = correlationMatrix(iris);
    expect(m.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(m.matrix[2][3]).toBeCloseTo(0.9629, 4);
    expect(m.matrix[0][2]).toBeCloseTo(0.8718, 4);
    expect(m.matrix[0][1]).toBeCloseTo(-0.1176, 4);
    m.matrix.forEach((row, i) => {
      expect(row[i]).toBeCloseTo(1, 12);
      row.forEach((r, j) => expect(r).toBe(m.matrix[j][i]));
    });
    expect(m.omitted).toEqual([]);
  });

  it('gives a constant column NaN everywhere, even on the diagonal, and skips categories', () => {
    const m = correlationMatrix(parseCsv('a,k,c,b\n1,7,x,2\n2,7,y,4\n3,7,x,7\n', 't.csv'));
    expect(m.columns).toEqual(['a', 'k', 'b']);
    expect(m.matrix[1].every(Number.isNaN)).toBe(true);
    expect(m.matrix[0][0]).toBe(1);
    // The panel prints an undefined r as a dash rather than 'NaN'.
    expect(m.matrix[1].map(fmt)).toEqual(['—', '—', '—']);
    expect(fmt(m.matrix[0][2])).toBe('0.9934');
  });

  it('leaves out numeric columns beyond max', () => {
    const m = correlationMatrix(iris, 2);
    expect(m.columns).toEqual(['sepal_length', 'sepal_width']);
    expect(m.omitted).toEqual(['petal_length', 'petal_width']);
  });
});

describe('scatterSample', () => {
  it('gives one series per class with every row when under the limit', () => {
    const s = scatterSample(iris, 'petal_length', 'petal_width', 'species');
    expect(s.series.map((x) => [x.name, x.x.length])).toEqual([
      ['setosa', 50],
      ['versicolor', 50],
      ['virginica', 50],
    ]);
    expect([s.total, s.shown]).toEqual([150, 150]);
    expect([s.series[0].x[0], s.series[0].y[0]]).toEqual([1.4, 0.2]);
    expect(s.x).toEqual({ name: 'petal_length' });
  });

  it('samples at most `limit` rows, the same ones for the same seed', () => {
    const a = scatterSample(iris, 'sepal_length', 'sepal_width', 'species', 40, 7);
    expect(a.shown).toBe(40);
    expect(a.series.reduce((n, s) => n + s.x.length, 0)).toBe(40);
    expect(scatterSample(iris, 'sepal_length', 'sepal_width', 'species', 40, 7)).toEqual(a);
    expect(scatterSample(iris, 'sepal_length', 'sepal_width', 'species', 40, 8)).not.toEqual(a);
  });

  it('skips rows missing x or y, and groups rows missing the label', () => {
    const t = parseCsv('x,y,c\n1,2,a\nNA,3,b\n2,,a\n3,4,\n5,6,b\n', 't.csv');
    const s = scatterSample(t, 'x', 'y', 'c');
    expect(s.total).toBe(3);
    expect(s.series.map((x) => x.name)).toEqual(['a', 'b', 'c missing']);
  });

  it('jitters a categorical axis around each category index', () => {
    const s = scatterSample(iris, 'species', 'petal_width', 'species');
    expect(s.x.categories).toEqual(['setosa', 'versicolor', 'virginica']);
    s.series.forEach((series, k) => series.x.forEach((x) => expect(Math.abs(x - k)).toBeLessThanOrEqual(0.3)));
  });

  it('colours a quantity label by quartile', () => {
    const s = scatterSample(iris, 'sepal_length', 'sepal_width', 'petal_length');
    expect(s.series).toHaveLength(4);
    expect(s.series[0].name).toMatch(/^petal_length lowest quarter \(1–1\.6\)$/);
    expect(s.series.reduce((n, x) => n + x.x.length, 0)).toBe(150);
  });

  it('names the columns that exist when one does not', () => {
    expect(() => scatterSample(iris, 'nope', 'sepal_width')).toThrow("column 'nope' not found; columns are sepal_length");
  });
});
