import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/split/random.ts';
import type { SearchSpace } from '../../../src/core/tune/schema.ts';
import { decodePoint, encodedDimension, encodePoint, perturbPoint, samplePoint } from '../../../src/core/tune/space.ts';

const space: SearchSpace = {
  'train.learningRate': { type: 'continuous', min: 1e-4, max: 1e-2, scale: 'log' },
  'model.dropout': { type: 'continuous', min: 0, max: 0.5, scale: 'linear' },
  'train.batchSize': { type: 'integer', min: 8, max: 128, scale: 'log' },
  'model.hidden': { type: 'categorical', values: [[16], [32, 16], [64]] },
  'train.optimizer': { type: 'categorical', values: ['adam', 'sgd'] },
};

describe('encode / decode', () => {
  it('maps log and linear ranges into the unit cube and categoricals one-hot', () => {
    expect(encodedDimension(space)).toBe(1 + 1 + 1 + 3 + 2);
    const v = encodePoint(space, {
      'train.learningRate': 1e-3,
      'model.dropout': 0.125,
      'train.batchSize': 8,
      'model.hidden': [32, 16],
      'train.optimizer': 'sgd',
    });
    expect(v[0]).toBeCloseTo(0.5, 12);
    expect(v[1]).toBeCloseTo(0.25, 12);
    // An integer sits at the centre of its share: 8 spans [7.5, 8.5] of [7.5, 128.5] in log space.
    expect(v[2]).toBeCloseTo(Math.log(8 / 7.5) / Math.log(128.5 / 7.5), 12);
    expect(v.slice(3)).toEqual([0, 1, 0, 0, 1]);
  });

  it('round-trips sampled points, and every sample lies inside its range', () => {
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      const p = samplePoint(space, rng);
      const lr = p['train.learningRate'] as number;
      const batch = p['train.batchSize'] as number;
      expect(lr).toBeGreaterThanOrEqual(1e-4);
      expect(lr).toBeLessThanOrEqual(1e-2);
      expect(Number.isInteger(batch) && batch >= 8 && batch <= 128).toBe(true);
      const back = decodePoint(space, encodePoint(space, p));
      expect(back['train.learningRate']).toBeCloseTo(lr, 12);
      expect(back['model.dropout']).toBeCloseTo(p['model.dropout'] as number, 12);
      expect({ ...back, 'train.learningRate': 0, 'model.dropout': 0 }).toEqual({ ...p, 'train.learningRate': 0, 'model.dropout': 0 });
    }
  });

  it('samples log ranges evenly per decade and integers over their whole range', () => {
    const rng = createRng(3);
    const points = Array.from({ length: 4000 }, () => samplePoint(space, rng));
    const lowDecade = points.filter((p) => (p['train.learningRate'] as number) < 1e-3).length / points.length;
    expect(lowDecade).toBeGreaterThan(0.47);
    expect(lowDecade).toBeLessThan(0.53);
    const batches = new Set(points.map((p) => p['train.batchSize']));
    expect(batches.has(8) && batches.has(128)).toBe(true);
    const optimizers = points.filter((p) => p['train.optimizer'] === 'adam').length / points.length;
    expect(optimizers).toBeGreaterThan(0.47);
    expect(optimizers).toBeLessThan(0.53);
  });

  it('decodes out-of-cube vectors by clamping, and ties in a one-hot to the first value', () => {
    const p = decodePoint(space, [-1, 2, 5, 0, 0, 0, 0.3, 0.3]);
    expect(p).toEqual({ 'train.learningRate': 1e-4, 'model.dropout': 0.5, 'train.batchSize': 128, 'model.hidden': [16], 'train.optimizer': 'adam' });
  });

  it('refuses a point missing a hyperparameter or holding an unknown value', () => {
    const p = samplePoint(space, createRng(1));
    expect(() => encodePoint(space, { ...p, 'model.hidden': [128] })).toThrow('tuning.space.model.hidden: has no value [128] among its values');
    const { 'model.dropout': _, ...missing } = p;
    expect(() => encodePoint(space, missing)).toThrow('tuning.space.model.dropout: has no value in this point');
  });

  it('perturbs a point locally and stays inside the ranges', () => {
    const rng = createRng(5);
    const centre = { 'train.learningRate': 1e-3, 'model.dropout': 0.25, 'train.batchSize': 32, 'model.hidden': [64], 'train.optimizer': 'adam' };
    const c = encodePoint(space, centre);
    for (let i = 0; i < 100; i++) {
      const v = encodePoint(space, perturbPoint(space, centre, rng, 0.05));
      expect(Math.abs(v[0] - c[0])).toBeLessThan(0.3);
      v.forEach((x) => expect(x >= 0 && x <= 1).toBe(true));
    }
    expect(perturbPoint(space, centre, rng, 0)).toEqual(centre);
  });
});
