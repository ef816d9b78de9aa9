import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/core/project/spec-diff.ts';
import { defaultSpec } from '../../../src/core/spec/validate.ts';

describe('diffSpecs', () => {
  it('lists each changed setting by path, arrays whole, absent settings as undefined', () => {
    const a = defaultSpec('data/iris.csv', 'species');
    const b = structuredClone(a);
    b.train.learningRate = 0.02;
    b.model.hidden = [32, 16];
    b.goal.target = 0.9;
    expect(diffSpecs(a, b)).toEqual([
      { path: 'goal.target', before: undefined, after: '0.9' },
      { path: 'model.hidden', before: '[16]', after: '[32,16]' },
      { path: 'train.learningRate', before: '0.005', after: '0.02' },
    ]);
    expect(diffSpecs(a, structuredClone(a))).toEqual([]);
  });
});
