import { describe, expect, it } from 'vitest';
import type { FittedScale } from '../../../../src/core/prepare/steps/scale.ts';
import { col, csv, errorOf, run, upTo } from './helpers.ts';

// Row 4 (a = 100) is outside the training rows.
const table = csv(`a,k,tenth,flag,y
1,5,0.1,0,p
2,5,0.1,1,q
3,5,0.1,0,p
4,5,0.1,0,q
100,5,0.1,1,p
NA,5,0.1,0,q
`);
const train = [0, 1, 2, 3];

describe('scale', () => {
  it('zscore uses the training mean and population std; missing stays missing', () => {
    const { fitted, out } = run(table, [{ op: 'scale', columns: ['a'] }], train);
    const sd = Math.sqrt(1.25);
    expect(fitted).toEqual([{ op: 'scale', method: 'zscore', columns: { a: { center: 2.5, scale: sd } } }]);
    expect(col(out, 'a')).toEqual([-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd, 97.5 / sd, null]);
  });

  it('minmax maps the training range to 0..1', () => {
    const { fitted, out } = run(table, [{ op: 'scale', method: 'minmax', columns: ['a'] }], train);
    expect(fitted[0]).toMatchObject({ columns: { a: { center: 1, scale: 3 } } });
    expect(col(out, 'a')).toEqual([0, 1 / 3, 2 / 3, 1, 33, null]);
  });

  it('robust centres on the median and divides by the interquartile range', () => {
    const { fitted, out } = run(table, [{ op: 'scale', method: 'robust', columns: ['a'] }], train);
    // Quartiles of 1..4 by linear interpolation: 1.75 and 3.25.
    expect(fitted[0]).toMatchObject({ columns: { a: { center: 2.5, scale: 1.5 } } });
    expect(col(out, 'a')?.slice(0, 4)).toEqual([-1, -1 / 3, 1 / 3, 1]);
  });

  it.each(['zscore', 'minmax', 'robust'] as const)('%s turns constant columns into exact zeros', (method) => {
    // 0.1 is the trap: the computed mean of four 0.1s is 0.1 + 2.8e-17, which a naive std would blow up.
    const { out } = run(table, [{ op: 'scale', method, columns: ['k', 'tenth'] }], train);
    expect(col(out, 'k')).toEqual([0, 0, 0, 0, 0, 0]);
    expect(col(out, 'tenth')).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('a spread too small to divide by counts as constant, so nothing becomes Infinity', () => {
    const { fitted, out } = run(csv('v\n0\n-5e-324\n1\n'), [{ op: 'scale', method: 'minmax' }], [0, 1]);
    expect(fitted[0]).toEqual({ op: 'scale', method: 'minmax', columns: { v: { center: -5e-324, scale: 1 } } });
    expect(col(out, 'v')).toEqual([5e-324, 0, 1]);
  });

  it('fitted values read back from JSON unchanged: -0 is stored as 0', () => {
    const { fitted } = run(csv('v\n-0\n-0\n'), [{ op: 'scale' }]);
    const [step] = fitted as FittedScale[];
    expect(Object.is(step.columns.v.center, 0)).toBe(true);
  });

  it('a parameter that overflows is an error, not a silent null in preprocessing.json', () => {
    expect(errorOf(() => run(csv('v\n-1e308\n1e308\n'), [{ op: 'scale', method: 'minmax' }]))).toBe(
      'data.csv, prepare.0: scale computed a parameter that is not a finite number; are some values too large (beyond 1e300)?',
    );
  });

  it('scales every numeric non-label column by default', () => {
    const { fitted } = run(csv('a,b,c,y\n1,2,x,3\n3,4,y,5\n'), [{ op: 'scale', method: 'minmax' }], [0, 1], { label: 'y' });
    expect(Object.keys((fitted[0] as { columns: object }).columns)).toEqual(['a', 'b']);
  });

  it('a categorical column is an error', () => {
    expect(errorOf(() => run(csv('a,y\nx,1\nz,2\n'), [{ op: 'scale', columns: ['a'] }]))).toContain(
      "scale needs numbers, but column 'a' is categorical (e.g. 'x'); cast, onehot or ordinal-encode it first",
    );
  });
});

describe('clip', () => {
  const wide = csv(`v,flag\n${upTo(11).map((i) => `${i + 1},${i === 3 ? 1 : 0}`).join('\n')}\n50,1\n-50,0\n`);
  const first11 = upTo(11);

  it('clips to training quantiles; 0/1 flags are left alone by default', () => {
    const { fitted, out } = run(wide, [{ op: 'clip', lower: 0.1, upper: 0.9 }], first11);
    // Quantiles of 1..11: 0.1 → 2, 0.9 → 10.
    expect(fitted).toEqual([{ op: 'clip', columns: { v: { min: 2, max: 10 } } }]);
    expect(col(out, 'v')).toEqual([2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 2]);
    expect(col(out, 'flag')).toEqual(col(wide, 'flag'));
  });

  it('defaults to the 1st and 99th percentiles', () => {
    const { fitted } = run(wide, [{ op: 'clip', columns: ['v'] }], first11);
    expect(fitted[0]).toEqual({ op: 'clip', columns: { v: { min: 1.1, max: 10.9 } } });
  });

  it('values outside the training rows do not move the bounds', () => {
    const moved = csv(`v,flag\n${upTo(11).map((i) => `${i + 1},${i === 3 ? 1 : 0}`).join('\n')}\n5000,1\n-5000,0\n`);
    expect(run(moved, [{ op: 'clip' }], first11).fitted).toEqual(run(wide, [{ op: 'clip' }], first11).fitted);
    expect(run(wide, [{ op: 'clip' }], upTo(13)).fitted).not.toEqual(run(wide, [{ op: 'clip' }], first11).fitted);
  });
});
