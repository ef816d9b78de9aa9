import { describe, expect, it } from 'vitest';
import { carriedSettings, dataBoundSettings, resetDataBound } from '../../../src/core/learn/carry-over.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import type { PipelineSpec, PipelineSpecInput } from '../../../src/core/spec/schema.ts';

function spec(input: Omit<PipelineSpecInput, 'version'>): PipelineSpec {
  const r = validateSpec({ version: 1, ...input });
  if (!r.ok) throw new Error('bad spec');
  return r.spec;
}

describe('carriedSettings', () => {
  it('finds nothing in a default spec', () => {
    expect(carriedSettings(spec({ data: { source: 'iris.csv', label: 'species' } }))).toEqual([]);
  });

  it('names what a digits run would hand to the next data set', () => {
    const digits = spec({
      data: { source: 'data/digits.zip', label: 'class', kind: 'images' },
      goal: { objective: 'Read handwritten digits', metric: 'accuracy', target: 0.9 },
      train: { epochs: 5, batchSize: 32 },
      split: { train: 0.8, validation: 0.1, test: 0.1 },
      seed: 7,
    });
    expect(carriedSettings(digits)).toEqual([
      { group: 'goal', text: 'Goal: objective “Read handwritten digits”, target 0.9' },
      { group: 'train', text: 'Training: epochs 5, batchSize 32' },
    ]);
  });

  it('shortens long lists and long text', () => {
    const s = spec({ data: { source: 'a.csv', label: 'y' }, goal: { objective: 'x'.repeat(60) }, train: { epochs: 3, batchSize: 8, learningRate: 0.1, optimizer: 'sgd', momentum: 0.9, patience: 0 } });
    const [goal, train] = carriedSettings(s);
    expect(goal.text).toBe(`Goal: objective “${'x'.repeat(39)}…”`);
    expect(train.text).toBe('Training: epochs 3, batchSize 8, learningRate 0.1, optimizer “sgd” and 2 more');
  });
});

describe('resetDataBound', () => {
  it('puts the data-bound settings back and keeps the data, prepare steps, split and seed', () => {
    const s = spec({
      data: { source: 'a.csv', label: 'y' },
      goal: { objective: 'Old', metric: 'rmse', target: 3 },
      train: { epochs: 5 },
      prepare: [{ op: 'impute', columns: ['x'], strategy: 'median' }],
      split: { seed: 3 },
      seed: 9,
    });
    const r = resetDataBound(s);
    expect(carriedSettings(r)).toEqual([]);
    expect(r.goal).toEqual({ objective: '', metric: 'accuracy' });
    expect(r.train.epochs).toBe(200);
    expect(r.prepare).toEqual(s.prepare);
    expect(r.split).toEqual(s.split);
    expect(r.seed).toBe(9);
    expect(r.data).toEqual(s.data);
    expect(s.train.epochs).toBe(5); // the input is not changed
    expect(dataBoundSettings).toContain('tuning');
  });
});
