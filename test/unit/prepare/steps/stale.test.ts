import { describe, expect, it } from 'vitest';
import { staleSteps } from '../../../../src/core/prepare/steps/stale.ts';
import { csv, names, run, steps } from './helpers.ts';

const penguins = csv(
  ['species,island,bill_length,bill_depth,sex', 'Adelie,Torgersen,39.1,18.7,male', 'Gentoo,Biscoe,,15,female', 'Chinstrap,Dream,46.5,17.9,'].join('\n'),
);

describe('staleSteps', () => {
  it('finds nothing stale in steps that run on the table, including columns earlier steps make', () => {
    const written = steps(
      { op: 'impute', columns: ['bill_length'], strategy: 'median', indicator: true },
      { op: 'derive', name: 'ratio', expression: 'bill_length / bill_depth' },
      { op: 'transform', column: 'ratio', fn: 'log', as: 'log_ratio' },
      { op: 'onehot', columns: ['island'] },
      { op: 'drop', columns: ['island=Dream', 'bill_length_was_missing', 'log_ratio'] },
      { op: 'bin', column: 'bill_depth', bins: 2, as: 'depth_bin' },
      { op: 'scale' },
      { op: 'dropDuplicates' },
    );
    // The steps really run on this table: the check agrees with fitting.
    expect(names(run(penguins, written).out)).toEqual(['species', 'island=Biscoe', 'island=Torgersen', 'island=other', 'bill_length', 'bill_depth', 'depth_bin', 'sex', 'ratio']);
    expect(staleSteps(written, names(penguins))).toEqual([]);
  });

  it('names the steps written for another data set and the columns they miss', () => {
    const iris = steps(
      { op: 'drop', columns: ['sepal_width'] },
      { op: 'scale' },
      { op: 'derive', name: 'area', expression: 'petal_length * petal_width' },
      { op: 'clip', columns: ['area', 'bill_depth'] },
    );
    expect(staleSteps(iris, names(penguins)).map(({ index, missing }) => ({ index, missing }))).toEqual([
      { index: 0, missing: ['sepal_width'] },
      { index: 2, missing: ['petal_length', 'petal_width'] },
    ]);
  });

  it('counts one-hot and indicator columns as provided only after the step that makes them', () => {
    const early = steps({ op: 'drop', columns: ['island=Dream'] }, { op: 'onehot', columns: ['island'] });
    expect(staleSteps(early, names(penguins)).map((s) => s.missing)).toEqual([['island=Dream']]);
    const unflagged = steps({ op: 'impute', columns: ['bill_length'] }, { op: 'drop', columns: ['bill_length_was_missing'] });
    expect(staleSteps(unflagged, names(penguins)).map((s) => s.index)).toEqual([1]);
  });
});
