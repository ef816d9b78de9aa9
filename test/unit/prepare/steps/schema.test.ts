import { describe, expect, it } from 'vitest';
import { prepareSchema, prepareStepSchema } from '../../../../src/core/prepare/steps/schema.ts';

/** Issues as `path: message` lines. */
function issues(value: unknown): string[] {
  const r = prepareSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('prepareSchema', () => {
  it('defaults to no steps', () => {
    expect(prepareSchema.parse(undefined)).toEqual([]);
  });

  it('fills defaults', () => {
    expect(
      prepareSchema.parse([{ op: 'impute' }, { op: 'scale' }, { op: 'onehot' }, { op: 'clip' }, { op: 'bin', column: 'a', bins: 3 }]),
    ).toEqual([
      { op: 'impute', strategy: 'median', indicator: false },
      { op: 'scale', method: 'zscore' },
      { op: 'onehot', maxCategories: 20 },
      { op: 'clip', lower: 0.01, upper: 0.99 },
      { op: 'bin', column: 'a', bins: 3, strategy: 'quantile' },
    ]);
  });

  it('parses every op', () => {
    const all = [
      { op: 'drop', columns: ['id'] },
      { op: 'dropDuplicates' },
      { op: 'dropMissingLabel' },
      { op: 'impute', strategy: 'constant', value: 'none', columns: ['c'] },
      { op: 'scale', method: 'robust', columns: ['a'] },
      { op: 'onehot', columns: ['c'], maxCategories: 5, minFrequency: 0.05 },
      { op: 'ordinal', column: 'size', order: ['S', 'M', 'L'] },
      { op: 'transform', column: 'a', fn: 'power', power: 2, as: 'a2' },
      { op: 'clip', columns: ['a'], lower: 0.05, upper: 0.95 },
      { op: 'bin', column: 'a', bins: 4, strategy: 'uniform', as: 'a_bin' },
      { op: 'derive', name: 'bmi', expression: 'weight / (height/100)^2' },
      { op: 'cast', column: 'zip', type: 'categorical' },
    ];
    expect(all.map((s) => prepareStepSchema.parse(s))).toEqual(all.map((s) => (s.op === 'impute' ? { ...s, indicator: false } : s)));
  });

  it.each([
    [[{ op: 'explode' }], "0.op: Invalid discriminator value. Expected 'drop' | 'dropDuplicates'"],
    [[{ op: 'impute', strategy: 'constant' }], "0.value: strategy 'constant' needs a value"],
    [[{ op: 'impute', value: 3 }], "0.value: value is only used by strategy 'constant'"],
    [[{ op: 'impute', strategy: 'dropRows', indicator: true }], '0.indicator: dropRows removes the rows, so there is nothing left to flag'],
    [[{ op: 'transform', column: 'a', fn: 'power' }], "0.power: power is required with fn 'power' and only used there"],
    [[{ op: 'transform', column: 'a', fn: 'log', power: 2 }], "0.power: power is required with fn 'power' and only used there"],
    [[{ op: 'clip', lower: 0.9, upper: 0.1 }], '0.upper: must be more than lower'],
    [[{ op: 'clip', upper: 2 }], '0.upper: must be a quantile between 0 and 1'],
    [[{ op: 'onehot', minFrequency: 2.5 }], '0.minFrequency: must be a whole count, or a fraction below 1'],
    [[{ op: 'bin', column: 'a', bins: 1 }], '0.bins: must be 2 or more'],
    [[{ op: 'ordinal', column: 'a', order: ['x', 'x'] }], '0.order: must not list a value twice'],
    [[{ op: 'drop', columns: [] }], '0.columns: must name at least one column'],
    [[{ op: 'scale', colums: ['a'] }], '0: Unrecognized key: "colums"'],
    [[{ op: 'derive', name: 'z', expression: '(a + b' }], "0.expression: expected ')' at position 7, found end of expression"],
  ])('%j → %s', (value, want) => {
    expect(issues(value).join('\n')).toContain(want);
  });
});
