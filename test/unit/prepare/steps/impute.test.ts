import { describe, expect, it } from 'vitest';
import { col, csv, errorOf, names, run } from './helpers.ts';

// Row 5 is the only non-training row; its 100 and 'c' must never reach a fitted value.
const table = csv(`x,c,y
1,a,p
NA,b,q
2,a,p
6,,q
NA,a,p
100,c,q
`);
const train = [0, 1, 2, 3, 4];

describe('impute', () => {
  it('median fills numeric gaps from the training rows; categorical columns are skipped by default', () => {
    const { fitted, out } = run(table, [{ op: 'impute' }], train, { label: 'y' });
    expect(fitted).toEqual([{ op: 'impute', strategy: 'median', fill: { x: 2 }, indicator: false }]);
    expect(col(out, 'x')).toEqual([1, 2, 2, 6, 2, 100]);
    expect(col(out, 'c')).toEqual(['a', 'b', 'a', null, 'a', 'c']);
  });

  it('mean', () => {
    const { fitted, out } = run(table, [{ op: 'impute', strategy: 'mean', columns: ['x'] }], train);
    expect(fitted[0]).toMatchObject({ fill: { x: 3 } });
    expect(col(out, 'x')).toEqual([1, 3, 2, 6, 3, 100]);
  });

  it('mostFrequent fills numbers and text; ties go to the smallest number', () => {
    const { fitted, out } = run(table, [{ op: 'impute', strategy: 'mostFrequent' }], train, { label: 'y' });
    expect(fitted[0]).toMatchObject({ fill: { x: 1, c: 'a' } });
    expect(col(out, 'c')).toEqual(['a', 'b', 'a', 'a', 'a', 'c']);
  });

  it('constant: a number fills numeric columns and, as text, categorical ones', () => {
    const { fitted, out } = run(table, [{ op: 'impute', strategy: 'constant', value: 0 }], train, { label: 'y' });
    expect(fitted[0]).toMatchObject({ fill: { x: 0, c: '0' } });
    expect(col(out, 'x')).toEqual([1, 0, 2, 6, 0, 100]);
    expect(col(out, 'c')).toEqual(['a', 'b', 'a', '0', 'a', 'c']);
  });

  it('constant text skips numeric columns by default and is an error when they are named', () => {
    const { fitted } = run(table, [{ op: 'impute', strategy: 'constant', value: 'unknown' }], train, { label: 'y' });
    expect(fitted[0]).toMatchObject({ fill: { c: 'unknown' } });
    expect(errorOf(() => run(table, [{ op: 'impute', strategy: 'constant', value: 'unknown', columns: ['x'] }], train))).toBe(
      "data.csv, column 'x' prepare.0: impute value 'unknown' is not a number, but column 'x' is numeric",
    );
  });

  it('indicator adds <col>_was_missing right after the column', () => {
    const { out } = run(table, [{ op: 'impute', columns: ['x'], indicator: true }], train);
    expect(names(out)).toEqual(['x', 'x_was_missing', 'c', 'y']);
    expect(col(out, 'x_was_missing')).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('mean of a categorical column is an error suggesting another strategy', () => {
    expect(errorOf(() => run(table, [{ op: 'impute', strategy: 'mean', columns: ['c'] }], train))).toContain(
      "impute mean needs numbers, but column 'c' is categorical; use strategy 'mostFrequent' or 'constant'",
    );
  });

  it('a column with no training values is an error', () => {
    expect(errorOf(() => run(table, [{ op: 'impute', columns: ['x'] }], [1, 4]))).toContain(
      "column 'x' has no values in the training rows to compute a median from",
    );
  });

  it('values outside the training rows change nothing', () => {
    const other = csv(`x,c,y\n1,a,p\nNA,b,q\n2,a,p\n6,,q\nNA,a,p\n-999,z,q\n`);
    const input = [{ op: 'impute' as const, strategy: 'mean' as const, indicator: true }];
    expect(run(other, input, train, { label: 'y' }).fitted).toEqual(run(table, input, train, { label: 'y' }).fitted);
  });
});
