import { describe, expect, it } from 'vitest';
import { applyRowSteps } from '../../../../src/core/prepare/steps/rows.ts';
import { col, csv, errorOf, names, steps } from './helpers.ts';

const table = csv(`id,x,c,y
1,1,a,p
2,1,a,p
3,2,b,
4,NA,b,q
5,1,a,p
6,3,,q
`);

describe('applyRowSteps', () => {
  it('dropDuplicates compares every column, so distinct ids keep every row', () => {
    const r = applyRowSteps(table, steps({ op: 'dropDuplicates' }));
    expect(r.table.rowCount).toBe(6);
    expect(r.removed).toEqual([{ step: 0, op: 'dropDuplicates', rows: 0 }]);
  });

  it('after dropping id, dropDuplicates keeps the first of each repeat; columns are all still there', () => {
    const r = applyRowSteps(table, steps({ op: 'drop', columns: ['id'] }, { op: 'dropDuplicates' }));
    expect(r.removed).toEqual([{ step: 1, op: 'dropDuplicates', rows: 2 }]);
    expect(r.origin).toEqual([0, 2, 3, 5]);
    // The drop itself is a column step: fitSteps applies it later, to training and new data alike.
    expect(names(r.table)).toEqual(['id', 'x', 'c', 'y']);
    expect(col(r.table, 'id')).toEqual([1, 3, 4, 6]);
  });

  it('dropMissingLabel removes rows without a label', () => {
    const r = applyRowSteps(table, steps({ op: 'dropMissingLabel' }), { label: 'y' });
    expect(col(r.table, 'id')).toEqual([1, 2, 4, 5, 6]);
    expect(r.removed).toEqual([{ step: 0, op: 'dropMissingLabel', rows: 1 }]);
    expect(errorOf(() => applyRowSteps(table, steps({ op: 'dropMissingLabel' })))).toContain(
      'dropMissingLabel needs to know the label column (data.label)',
    );
  });

  it('impute dropRows removes rows missing any named column, or any column by default', () => {
    expect(col(applyRowSteps(table, steps({ op: 'impute', strategy: 'dropRows', columns: ['x'] })).table, 'id')).toEqual([1, 2, 3, 5, 6]);
    const all = applyRowSteps(table, steps({ op: 'impute', strategy: 'dropRows' }));
    expect(col(all.table, 'id')).toEqual([1, 2, 5]);
  });

  it('steps chain: each sees the rows the previous left, and origin maps back to the input', () => {
    const r = applyRowSteps(
      table,
      steps({ op: 'dropMissingLabel' }, { op: 'drop', columns: ['id'] }, { op: 'dropDuplicates' }, { op: 'impute', strategy: 'dropRows' }),
      { label: 'y' },
    );
    // Label drops id 3; duplicates of (1, a, p) go; then rows missing x (id 4) or c (id 6) go.
    expect(r.removed.map((x) => x.rows)).toEqual([1, 2, 2]);
    expect(r.origin).toEqual([0]);
    expect(r.warnings).toEqual(['impute (prepare.3) removed 2 of 3 rows']);
  });

  it('a row step after a fitted step is an error explaining the order', () => {
    expect(errorOf(() => applyRowSteps(table, steps({ op: 'scale' }, { op: 'dropDuplicates' })))).toBe(
      'data.csv, prepare.1: dropDuplicates removes rows, so it runs on all rows before the split; ' +
        "move it before prepare.0 ('scale'), which is fitted on the training rows",
    );
  });

  it('warns when a step removes more than half the rows, and fails when it removes all', () => {
    const r = applyRowSteps(csv('a,b\n1,NA\n2,NA\n3,4\n'), steps({ op: 'impute', strategy: 'dropRows' }));
    expect(r.warnings).toEqual(['impute (prepare.0) removed 2 of 3 rows']);
    // Every row misses a value, but no column is entirely missing (the CSV reader drops those).
    expect(errorOf(() => applyRowSteps(csv('a,b\n1,NA\nNA,2\n'), steps({ op: 'impute', strategy: 'dropRows' })))).toBe(
      'data.csv, prepare.0: impute removed every row',
    );
  });

  it('errors in a stateless step after a row step name the line in the file', () => {
    const t = csv('v,k\n1,a\n1,a\nx,b\n');
    const input = steps({ op: 'dropDuplicates' }, { op: 'cast', column: 'v', type: 'numeric' }, { op: 'dropDuplicates' });
    // Row 1 repeats row 0 and is gone, yet 'x' is still reported on its own line, 4.
    expect(errorOf(() => applyRowSteps(t, input))).toBe("data.csv line 4, column 'v' prepare.1: 'x' is not a number");
  });

  it('without row steps the table comes back untouched', () => {
    const r = applyRowSteps(table, steps({ op: 'scale' }));
    expect(r.table).toBe(table);
    expect(r.origin).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
