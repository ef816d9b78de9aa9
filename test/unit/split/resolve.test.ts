import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn, Table } from '../../../src/core/collect/table.ts';
import { splitForRun } from '../../../src/core/split/resolve.ts';
import type { SplitSpec } from '../../../src/core/spec/schema.ts';
import { allRows, placeOf } from './arbitraries.ts';

// 60 rows: 20 patients × 3 visits; price rises with the row; species cycles a/b/c.
const n = 60;
const price: NumericColumn = { name: 'price', type: 'numeric', values: Float64Array.from({ length: n }, (_, i) => i * 1.5) };
const species: CategoricalColumn = { name: 'species', type: 'categorical', categories: ['a', 'b', 'c'], codes: Int32Array.from({ length: n }, (_, i) => i % 3) };
const patient: CategoricalColumn = {
  name: 'patient',
  type: 'categorical',
  categories: Array.from({ length: 20 }, (_, p) => `p${p}`),
  codes: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 3)),
};
const table: Table = { source: 'visits.csv', rowCount: n, warnings: [], columns: [price, species, patient] };
const rows = Array.from({ length: n }, (_, i) => i);
const base: SplitSpec = { train: 0.7, validation: 0.15, test: 0.15, stratify: true };

describe('splitForRun', () => {
  it('stratifies a regression target by 5 quantile bins, each split within one row per bin', () => {
    const { split, folds, strataByRow } = splitForRun(table, price, rows, 'regression', base, 42);
    expect(folds).toBeNull();
    expect(strataByRow!.slice(0, 13)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    for (let bin = 0; bin < 5; bin++) {
      // 12 rows per bin: 8.4 train, 1.8 validation, 1.8 test.
      const count = (s: number[]) => s.filter((r) => strataByRow![r] === bin).length;
      expect(Math.abs(count(split.train) - 8.4)).toBeLessThanOrEqual(1);
      expect(Math.abs(count(split.validation) - 1.8)).toBeLessThanOrEqual(1);
      expect(Math.abs(count(split.test) - 1.8)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps each patient in one split and builds folds over the non-test rows only', () => {
    const spec = { ...base, group: 'patient', folds: 4 };
    const { split, folds } = splitForRun(table, species, rows, 'classification', spec, 7);
    const where = placeOf(split);
    for (let p = 0; p < 20; p++) expect(new Set([0, 1, 2].map((v) => where.get(p * 3 + v))).size).toBe(1);
    const pool = [...split.train, ...split.validation].sort((a, b) => a - b);
    expect(folds).toHaveLength(4);
    expect(folds!.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(pool);
    for (const fold of folds!) {
      expect(allRows(fold)).toEqual(pool);
      expect(fold.validation.length).toBeGreaterThan(0);
      const inFold = placeOf(fold);
      for (let p = 0; p < 20; p++) expect(new Set([0, 1, 2].map((v) => inFold.get(p * 3 + v))).size).toBe(1);
    }
  });

  it('skips strata when stratify is off and gives folds no validation when its share is 0', () => {
    const spec = { ...base, train: 0.8, validation: 0, test: 0.2, stratify: false, folds: 3 };
    const { split, folds, strataByRow } = splitForRun(table, species, rows, 'classification', spec, 1);
    expect(strataByRow).toBeNull();
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([48, 0, 12]);
    expect(folds!.map((f) => [f.train.length, f.validation.length, f.test.length])).toEqual([
      [32, 0, 16],
      [32, 0, 16],
      [32, 0, 16],
    ]);
  });

  it('refuses to group by the label or by a column that is not there', () => {
    expect(() => splitForRun(table, species, rows, 'classification', { ...base, group: 'species' }, 1)).toThrow(
      "visits.csv, split.group: grouping by the label 'species' would put each class in only one split; pick another column",
    );
    expect(() => splitForRun(table, species, rows, 'classification', { ...base, group: 'ward' }, 1)).toThrow(
      "group column 'ward' not found; columns are price, species, patient",
    );
  });
});
