import { describe, expect, it } from 'vitest';
import type { Table } from '../../../src/core/collect/table.ts';
import { findCrossSplitDuplicates, maxDuplicateExamples, rowKeyFromTable, splitReport } from '../../../src/core/split/report.ts';

describe('splitReport', () => {
  it('counts each class per split and warns about thin classes in non-empty splits', () => {
    const report = splitReport({ train: [0, 1, 2], validation: [3], test: [] }, ['a', 'a', 'b', 'a']);
    expect(report.classes).toEqual(['a', 'b']);
    expect(report.counts).toEqual({ train: [2, 1], validation: [1, 0], test: [0, 0] });
    expect(report.warnings.map((w) => w.message)).toEqual([
      "class 'b' has 1 example in train",
      "class 'a' has 1 example in validation",
      "class 'b' has no examples in validation",
    ]);
    expect(report.warnings[1]).toEqual({ split: 'validation', stratum: 'a', count: 1, message: "class 'a' has 1 example in validation" });
  });

  it('warns about a class with 1 test row, and is quiet once every class has 2 in every non-empty split', () => {
    const strata = ['x', 'y', 'x', 'y', 'x', 'y'];
    const report = splitReport({ train: [0, 1, 2, 3], validation: [], test: [4, 5] }, strata);
    expect(report.counts).toEqual({ train: [2, 2], validation: [0, 0], test: [1, 1] });
    expect(report.warnings.map((w) => w.message)).toEqual(["class 'x' has 1 example in test", "class 'y' has 1 example in test"]);
    const full = splitReport({ train: [0, 1, 2, 3], validation: [], test: [4, 5, 6, 7] }, [...strata, 'x', 'y']);
    expect(full.warnings).toEqual([]);
  });

  it('takes a lookup function, sorts numeric-looking classes naturally and names missing ones', () => {
    const byRow: Record<number, number | null> = { 10: 2, 11: 10, 12: null, 13: 2, 14: 10, 15: null };
    const report = splitReport({ train: [10, 11, 12, 13, 14, 15], validation: [], test: [] }, (r) => byRow[r]);
    expect(report.classes).toEqual(['2', '10', '(missing)']);
    expect(report.counts.train).toEqual([2, 2, 2]);
    expect(report.warnings).toEqual([]);
  });
});

describe('findCrossSplitDuplicates', () => {
  it('counts pairs, values and leaked rows across splits, ignoring duplicates within one split', () => {
    //            0    1    2    3    4    5    6    7    8
    const keys = ['a', 'a', 'b', 'c', 'a', 'b', 'd', 'd', 'c'];
    const split = { train: [0, 1, 2, 6, 7], validation: [3, 4], test: [5, 8] };
    const report = findCrossSplitDuplicates((r) => keys[r], split);
    // 'a': 2 train × 1 validation; 'b': 1 train × 1 test; 'c': 1 validation × 1 test; 'd' only in train.
    expect(report.values).toBe(3);
    expect(report.pairs).toEqual({ trainValidation: 2, trainTest: 1, validationTest: 1 });
    expect(report.leakedRows).toEqual({ validation: 1, test: 2 });
    expect(report.examples).toEqual([
      { rows: [0, 4], splits: ['train', 'validation'] },
      { rows: [2, 5], splits: ['train', 'test'] },
      { rows: [3, 8], splits: ['validation', 'test'] },
    ]);
  });

  it('reports nothing for a clean split', () => {
    const report = findCrossSplitDuplicates(String, { train: [0, 1], validation: [2], test: [3] });
    expect(report).toEqual({
      values: 0,
      pairs: { trainValidation: 0, trainTest: 0, validationTest: 0 },
      leakedRows: { validation: 0, test: 0 },
      examples: [],
    });
  });

  it('lists at most 20 examples, lowest rows first, but counts them all', () => {
    // Rows 0–49 in train, rows 50–99 in test; row i and row i + 50 share a key.
    const split = { train: Array.from({ length: 50 }, (_, i) => i), validation: [], test: Array.from({ length: 50 }, (_, i) => i + 50) };
    const report = findCrossSplitDuplicates((r) => `k${r % 50}`, split);
    expect(report.values).toBe(50);
    expect(report.pairs.trainTest).toBe(50);
    expect(report.leakedRows.test).toBe(50);
    expect(report.examples).toHaveLength(maxDuplicateExamples);
    expect(report.examples[0]).toEqual({ rows: [0, 50], splits: ['train', 'test'] });
    expect(report.examples[19]).toEqual({ rows: [19, 69], splits: ['train', 'test'] });
  });
});

describe('rowKeyFromTable', () => {
  const table: Table = {
    source: 'pen.csv',
    rowCount: 4,
    warnings: [],
    columns: [
      { name: 'x', type: 'numeric', values: Float64Array.from([2.5, 2.5, NaN, 2.5]) },
      { name: 'island', type: 'categorical', categories: ['Dream', 'null'], codes: Int32Array.from([0, 0, 1, -1]) },
      { name: 'y', type: 'categorical', categories: ['a', 'b'], codes: Int32Array.from([0, 1, 0, 0]) },
    ],
  };

  it('builds a key of the chosen columns that tells missing from the text "null"', () => {
    const key = rowKeyFromTable(table, ['x', 'island']);
    expect(key(0)).toBe('["2.5","Dream"]');
    expect(key(1)).toBe(key(0));
    expect(key(2)).toBe('[null,"null"]');
    expect(key(3)).toBe('["2.5",null]');
  });

  it('uses every column when none are named, and finds a leak through the label-free key', () => {
    expect(rowKeyFromTable(table)(1)).toBe('["2.5","Dream","b"]');
    const leaks = findCrossSplitDuplicates(rowKeyFromTable(table, ['x', 'island']), { train: [0], validation: [], test: [1, 2] });
    expect(leaks.examples).toEqual([{ rows: [0, 1], splits: ['train', 'test'] }]);
  });

  it('names an unknown column', () => {
    expect(() => rowKeyFromTable(table, ['z'])).toThrow("pen.csv, column 'z': column 'z' not found");
  });
});
