import { describe, expect, it } from 'vitest';
import { createTuner } from '../../../src/core/tune/create-tuner.ts';
import { gridPoint, gridSize, gridValues } from '../../../src/core/tune/grid.ts';
import { tuningSchema, type SearchSpace } from '../../../src/core/tune/schema.ts';
import type { TrialRecord, Tuner } from '../../../src/core/tune/tuner.ts';

const space: SearchSpace = {
  'train.learningRate': { type: 'continuous', min: 1e-4, max: 1e-1, scale: 'log', count: 4 },
  'train.batchSize': { type: 'integer', min: 16, max: 18, scale: 'linear' },
  'model.hidden': { type: 'categorical', values: [[16], [32, 16]] },
};

/** Every trial a tuner proposes when each reports at once. */
function drain(tuner: Tuner): TrialRecord[] {
  for (let t = tuner.next(); t; t = tuner.next()) tuner.report(t.id, { objective: t.id, epochs: 1, status: 'completed' });
  return tuner.history();
}

describe('grid values', () => {
  it('spaces continuous values evenly on their scale, with exact ends', () => {
    expect(gridValues(space['train.learningRate'], 'lr')).toEqual([0.0001, 0.001, 0.01, 0.1]);
    expect(gridValues({ type: 'continuous', min: 0, max: 0.5, scale: 'linear', count: 6 }, 'd')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(gridValues(space['train.batchSize'], 'b')).toEqual([16, 17, 18]);
  });

  it('refuses a continuous range without count, naming it', () => {
    expect(() => gridValues({ type: 'continuous', min: 0, max: 1, scale: 'linear' }, 'model.dropout')).toThrow(
      'tuning.space.model.dropout.count: is required by the grid strategy',
    );
  });

  it('orders the product like nested loops, the last range fastest', () => {
    expect(gridSize(space)).toBe(24);
    expect(gridPoint(space, 0)).toEqual({ 'train.learningRate': 0.0001, 'train.batchSize': 16, 'model.hidden': [16] });
    expect(gridPoint(space, 1)).toEqual({ 'train.learningRate': 0.0001, 'train.batchSize': 16, 'model.hidden': [32, 16] });
    expect(gridPoint(space, 2)).toEqual({ 'train.learningRate': 0.0001, 'train.batchSize': 17, 'model.hidden': [16] });
    expect(gridPoint(space, 23)).toEqual({ 'train.learningRate': 0.1, 'train.batchSize': 18, 'model.hidden': [32, 16] });
  });
});

describe('grid strategy', () => {
  it('enumerates exactly the Cartesian product, then stops', () => {
    const tuner = createTuner(tuningSchema.parse({ strategy: 'grid', maxTrials: 100, space }), space, 1);
    const seen = drain(tuner).map((r) => JSON.stringify(r.trial.hyperparameters));
    const expected: string[] = [];
    for (const lr of [0.0001, 0.001, 0.01, 0.1]) {
      for (const batch of [16, 17, 18]) {
        for (const hidden of [[16], [32, 16]]) {
          expected.push(JSON.stringify({ 'train.learningRate': lr, 'train.batchSize': batch, 'model.hidden': hidden }));
        }
      }
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(24);
    expect(tuner.done()).toBe(true);
  });

  it('stops at maxTrials, in the same order', () => {
    const tuner = createTuner(tuningSchema.parse({ strategy: 'grid', maxTrials: 5, space }), space, 1);
    const records = drain(tuner);
    expect(records.map((r) => r.trial.hyperparameters)).toEqual([0, 1, 2, 3, 4].map((i) => gridPoint(space, i)));
    expect(tuner.done()).toBe(true);
  });
});
