import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { modelTrainDefaults, switchTrainDefaults } from '../../../src/core/train/presets.ts';

const rateOf = (raw: object) => {
  const r = validateSpec({ version: 1, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.spec.train.learningRate;
};

describe('per-model training defaults', () => {
  it('keep the tables’ tuned rate and give image models their own', () => {
    expect(rateOf({ data: { source: 'iris.csv', label: 'species' } })).toBe(0.005);
    expect(rateOf({ data: { source: 'shapes', label: 'class' } })).toBe(0.001);
    expect(rateOf({ data: { source: 'digits.zip', label: 'digit' } })).toBe(0.001);
    expect(rateOf({ data: { source: 'photos', label: 'class', kind: 'images' } })).toBe(0.001);
    // A folder with kind auto could be either: the schema's default.
    expect(rateOf({ data: { source: 'photos', label: 'class' } })).toBe(0.005);
    // A rate the spec gives always wins.
    expect(rateOf({ data: { source: 'shapes', label: 'class' }, train: { learningRate: 0.02, epochs: 3 } })).toBe(0.02);
    expect(rateOf({ data: { source: 'shapes', label: 'class' }, train: { epochs: 3 } })).toBe(0.001);
  });

  it('leave bad input for the schema to report', () => {
    const r = validateSpec({ version: 1, data: { source: 'shapes', label: 'class' }, train: 'fast' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0].path).toBe('train');
  });

  it('switch between kinds only while still at the other kind’s default', () => {
    const table = { epochs: 200, learningRate: modelTrainDefaults.table.learningRate };
    expect(switchTrainDefaults(table, 'images')).toEqual({ epochs: 200, learningRate: 0.001 });
    expect(switchTrainDefaults(switchTrainDefaults(table, 'images'), 'table')).toEqual(table);
    expect(switchTrainDefaults({ epochs: 5, learningRate: 0.02 }, 'images')).toEqual({ epochs: 5, learningRate: 0.02 });
    expect(switchTrainDefaults(table, 'table')).toEqual(table);
  });
});
