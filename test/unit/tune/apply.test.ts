import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { applyHyperparameters } from '../../../src/core/tune/apply.ts';

const base = validateSpec({ version: 1, data: { source: 'iris.csv', label: 'species' } });
if (!base.ok) throw new Error('the base spec must be valid');
const spec = base.spec;

describe('applyHyperparameters', () => {
  it('writes each value at its path in a copy, leaving the rest and the original untouched', () => {
    const hidden = [32, 16];
    const before = structuredClone(spec);
    const out = applyHyperparameters(spec, {
      'train.learningRate': 0.001,
      'train.optimizer': 'sgd',
      'model.hidden': hidden,
      'model.dropout': 0.2,
    });
    expect(out.train).toEqual({ ...spec.train, learningRate: 0.001, optimizer: 'sgd' });
    expect(out.model).toEqual({ ...spec.model, hidden: [32, 16], dropout: 0.2 });
    expect(out.data).toEqual(spec.data);
    expect(spec).toEqual(before);
    hidden.push(8);
    expect(out.model.hidden).toEqual([32, 16]);
    expect(validateSpec(out).ok).toBe(true);
  });

  it('refuses an unknown path, naming it and what exists', () => {
    expect(() => applyHyperparameters(spec, { 'model.hiden': [8] })).toThrow(
      "tuning.space.model.hiden: is not a field of the spec: model has no 'hiden' (it has type, filters, hidden, activation, dropout)",
    );
    expect(() => applyHyperparameters(spec, { 'optim.lr': 1 })).toThrow("tuning.space.optim.lr: is not a field of the spec: the spec has no 'optim'");
    expect(() => applyHyperparameters(spec, { 'train.epochs.max': 1 })).toThrow(
      'tuning.space.train.epochs.max: is not a field of the spec: train.epochs is a value, not a section',
    );
  });
});
