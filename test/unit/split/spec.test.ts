import { describe, expect, it } from 'vitest';
import { earlyStoppingNote } from '../../../src/core/split/check.ts';
import { presetFor, presetRatios } from '../../../src/core/split/presets.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';

const minimal = { version: 1, data: { source: 'iris.csv', label: 'species' } };
const issuesOf = (split: unknown) => {
  const result = validateSpec({ ...minimal, split });
  return result.ok ? [] : result.issues;
};

describe('split spec fields', () => {
  it('accepts preset, group, folds and bins and keeps them', () => {
    const split = { train: 0.8, validation: 0.1, test: 0.1, preset: '80/10/10', group: 'patient', folds: 5, bins: 4 };
    const result = validateSpec({ ...minimal, split });
    expect(result.ok && result.spec.split).toEqual({ ...split, stratify: true });
  });

  it('leaves the new fields out when not given (bins falls back to 5 in code)', () => {
    const result = validateSpec(minimal);
    expect(result.ok && result.spec.split).toEqual({ train: 0.7, validation: 0.15, test: 0.15, stratify: true });
  });

  it('allows validation 0 and folds at both ends of 2..20', () => {
    expect(issuesOf({ train: 0.8, validation: 0, test: 0.2, folds: 2 })).toEqual([]);
    expect(issuesOf({ folds: 20 })).toEqual([]);
  });

  it('says what is wrong with each new field, at its own path', () => {
    expect(issuesOf({ folds: 1 })).toEqual([{ path: 'split.folds', message: 'must be 2 or more' }]);
    expect(issuesOf({ folds: 21 })).toEqual([{ path: 'split.folds', message: 'must be 20 or fewer' }]);
    expect(issuesOf({ folds: 2.5 })).toEqual([{ path: 'split.folds', message: 'must be a whole number' }]);
    expect(issuesOf({ bins: 1 })).toEqual([{ path: 'split.bins', message: 'must be 2 or more' }]);
    expect(issuesOf({ group: '' })).toEqual([{ path: 'split.group', message: 'must name a column' }]);
    expect(issuesOf({ preset: '60/20/20' })).toEqual([
      { path: 'split.preset', message: 'must be one of "80/10/10", "70/20/10", "70/15/15", "custom"' },
    ]);
  });
});

describe('earlyStoppingNote', () => {
  it('says early stopping is off when there are no validation rows to watch', () => {
    expect(earlyStoppingNote({ validation: 0 }, { patience: 5 })).toBe(
      'early stopping (train.patience 5) is off: it watches the validation split, which is empty; every epoch runs and the last one is kept. Give validation a share such as 0.15 to use it',
    );
  });

  it('says nothing with no validation and no early stopping, or with both', () => {
    expect(earlyStoppingNote({ validation: 0 }, { patience: 0 })).toBeNull();
    expect(earlyStoppingNote({ validation: 0.15 }, { patience: 5 })).toBeNull();
  });
});

describe('presetFor', () => {
  it('names the preset the ratios match, else custom', () => {
    for (const [name, ratios] of Object.entries(presetRatios)) expect(presetFor(ratios)).toBe(name);
    expect(presetFor({ train: 0.7, validation: 0.1 + 0.05, test: 0.15 })).toBe('70/15/15');
    expect(presetFor({ train: 0.6, validation: 0.2, test: 0.2 })).toBe('custom');
  });
});
