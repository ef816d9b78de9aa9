import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../../../../src/core/prepare/expression/index.ts';
import { col, csv, errorOf, names, run, upTo } from './helpers.ts';

describe('transform', () => {
  const t = csv('x,y\n1,a\n4,b\n16,a\n0,b\nNA,a\n');
  const train = [0, 1, 2];

  it.each([
    ['log1p', undefined, [Math.log1p(1), Math.log1p(4), Math.log1p(16), 0, null]],
    ['sqrt', undefined, [1, 2, 4, 0, null]],
    ['power', 2, [1, 16, 256, 0, null]],
    ['power', -0.5, [1, 0.5, 0.25, null, null]],
  ] as const)('%s (power %s) works in place; undefined results become missing', (fn, power, want) => {
    const { out } = run(t, [{ op: 'transform', column: 'x', fn, ...(power === undefined ? {} : { power }) }], train);
    expect(col(out, 'x')).toEqual(want);
  });

  it('log of a training value ≤ 0 is an error naming the column and line, suggesting log1p', () => {
    expect(errorOf(() => run(t, [{ op: 'transform', column: 'x', fn: 'log' }]))).toBe(
      "data.csv line 5, column 'x' prepare.0: log needs values above 0, but this row has 0; use fn 'log1p' for data with zeros",
    );
  });

  it('the line counts rows removed by row steps, via origin', () => {
    expect(errorOf(() => run(t, [{ op: 'transform', column: 'x', fn: 'log' }], [0, 1, 2, 3], { origin: [0, 1, 2, 9] }))).toContain(
      'data.csv line 11',
    );
  });

  it('the line is the file line, after blank lines and multi-line quoted cells', () => {
    const gappy = csv('x,note\n1,a\n\n4,"two\nlines"\n\n\n0,b\n');
    expect(Array.from(gappy.lines!)).toEqual([2, 4, 8]);
    expect(errorOf(() => run(gappy, [{ op: 'transform', column: 'x', fn: 'log' }]))).toContain("data.csv line 8, column 'x'");
  });

  it('a 0 outside the training rows is no error: it becomes missing', () => {
    const { out } = run(t, [{ op: 'transform', column: 'x', fn: 'log', as: 'log_x' }], train);
    expect(names(out)).toEqual(['x', 'log_x', 'y']);
    expect(col(out, 'log_x')).toEqual([0, Math.log(4), Math.log(16), null, null]);
    expect(col(out, 'x')).toEqual([1, 4, 16, 0, null]);
  });

  it('sqrt of a negative training value is an error', () => {
    expect(errorOf(() => run(csv('x\n4\n-9\n'), [{ op: 'transform', column: 'x', fn: 'sqrt' }]))).toContain(
      "line 3, column 'x' prepare.0: sqrt needs values of 0 or more, but this row has -9; clip or shift the column first",
    );
  });
});

describe('bin', () => {
  const eight = csv(`v\n${upTo(8).map((i) => i + 1).join('\n')}\n100\n-100\nNA\n`);

  it('quantile edges give equal-count bins from the training rows', () => {
    const { fitted, out } = run(eight, [{ op: 'bin', column: 'v', bins: 4 }], upTo(8));
    // Quartiles of 1..8: 2.75, 4.5, 6.25.
    expect(fitted).toEqual([{ op: 'bin', column: 'v', edges: [2.75, 4.5, 6.25] }]);
    expect(col(out, 'v')).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 3, 0, null]);
  });

  it('uniform edges split the training range evenly; an edge value goes to the upper bin', () => {
    const t = csv('v\n0\n10\n5\n99\n-5\n');
    const { fitted, out } = run(t, [{ op: 'bin', column: 'v', bins: 2, strategy: 'uniform', as: 'v_bin' }], [0, 1]);
    expect(fitted[0]).toEqual({ op: 'bin', column: 'v', as: 'v_bin', edges: [5] });
    expect(names(out)).toEqual(['v', 'v_bin']);
    expect(col(out, 'v_bin')).toEqual([0, 1, 1, 1, 0]);
  });

  it('ties collapse repeated edges; a constant column is one bin', () => {
    expect(run(csv('v\n1\n1\n1\n1\n2\n'), [{ op: 'bin', column: 'v', bins: 4 }]).fitted[0]).toMatchObject({ edges: [] });
    expect(run(csv('v\n1\n1\n2\n2\n'), [{ op: 'bin', column: 'v', bins: 4 }]).fitted[0]).toMatchObject({ edges: [1.5, 2] });
    expect(col(run(csv('v\n3\n3\n'), [{ op: 'bin', column: 'v', bins: 3, strategy: 'uniform' }]).out, 'v')).toEqual([0, 0]);
  });
});

describe('derive', () => {
  const people = csv('weight,height,island,y\n81,180,Biscoe,1\n64,160,Dream,0\nNA,170,Dream,1\n90,0,Biscoe,0\n');

  it('computes the expression per row, appended at the end', () => {
    const { fitted, out } = run(people, [{ op: 'derive', name: 'bmi', expression: 'weight / (height/100)^2' }]);
    expect(fitted).toEqual([{ op: 'derive', name: 'bmi', expression: 'weight / (height/100)^2' }]);
    expect(names(out)).toEqual(['weight', 'height', 'island', 'y', 'bmi']);
    // Missing weight → missing; height 0 → division by zero → missing rather than Infinity.
    expect(col(out, 'bmi')).toEqual([81 / 1.8 ** 2, 64 / 1.6 ** 2, null, null]);
  });

  it('a derived name that exists replaces that column in place', () => {
    const { out } = run(people, [{ op: 'derive', name: 'height', expression: 'height / 100' }]);
    expect(names(out)).toEqual(['weight', 'height', 'island', 'y']);
    expect(col(out, 'height')).toEqual([1.8, 1.6, 1.7, 0]);
  });

  it('an unknown column names the expression path and lists the columns', () => {
    let error: unknown;
    try {
      run(people, [{ op: 'derive', name: 'bmi', expression: 'weight / heigth^2' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as Error).message).toBe(
      "data.csv, prepare.0.expression: unknown column 'heigth' at position 10; columns are weight, height, island, y",
    );
  });

  it('reading the label is an error: it is unknown when predicting', () => {
    expect(errorOf(() => run(people, [{ op: 'derive', name: 'z', expression: 'y * 2' }], upTo(4), { label: 'y' }))).toContain(
      "derive 'z' reads the label 'y', which is not known when predicting",
    );
  });

  it('a text column is an error naming the value and line', () => {
    expect(errorOf(() => run(people, [{ op: 'derive', name: 'z', expression: 'island + 1' }]))).toBe(
      "data.csv line 2, column 'island' prepare.0: 'Biscoe' is not a number",
    );
  });
});
