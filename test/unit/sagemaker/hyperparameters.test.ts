import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../../src/core/errors.ts';
import { applyHyperparameterStrings, isTuningTrial, readHyperparameters } from '../../../src/core/sagemaker/hyperparameters.ts';

const base = { version: 1, data: { source: 'iris.csv', label: 'species' }, train: { epochs: 30 } };
const apply = (raw: Record<string, string>) => applyHyperparameterStrings(base, raw);
const failure = (raw: Record<string, string>): string => {
  try {
    apply(raw);
  } catch (e) {
    expect(isKilnError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a KilnError');
};

describe('hyperparameters.json over the spec', () => {
  it('reads every value from text by its dotted path, keeping the rest of the spec', () => {
    const spec = apply({ 'train.learningRate': '0.02', 'model.hidden': '[32,16]', 'train.optimizer': 'sgd', 'train.earlyStopping.patience': '3', seed: '7' });
    expect(spec.train.learningRate).toBe(0.02);
    expect(spec.model.hidden).toEqual([32, 16]);
    expect(spec.train.optimizer).toBe('sgd');
    expect(spec.train.earlyStopping).toEqual({ metric: 'valLoss', patience: 3, restoreBest: true });
    expect(spec.seed).toBe(7);
    expect(spec.train.epochs).toBe(30);
  });

  it("skips SageMaker's own keys and tells a tuning trial by them", () => {
    const raw = { _tuning_objective_metric: 'validation:loss', sagemaker_region: 'eu-west-1', 'train.batchSize': '32' };
    expect(apply(raw).train.batchSize).toBe(32);
    expect(isTuningTrial(raw)).toBe(true);
    expect(isTuningTrial({ 'train.batchSize': '32' })).toBe(false);
  });

  it('keeps text the spec wants as text even when it reads as JSON (a class named 1)', () => {
    expect(apply({ 'evaluate.positiveClass': '1' }).evaluate.positiveClass).toBe('1');
  });

  it('names the key, says what is wrong and shows the value', () => {
    expect(failure({ 'train.learningRat': '0.01' })).toBe("hyperparameters.json, train.learningRat: is not a spec field (train has no 'learningRat') (got '0.01')");
    expect(failure({ 'trian.learningRate': '0.01' })).toBe("hyperparameters.json, trian.learningRate: is not a spec field (the spec has no 'trian') (got '0.01')");
    expect(failure({ 'train.learningRate': 'fast' })).toBe("hyperparameters.json, train.learningRate: must be a number (got 'fast')");
    expect(failure({ 'train.epochs': '2.5' })).toBe("hyperparameters.json, train.epochs: must be a whole number (got '2.5')");
    expect(failure({ 'split.train': '0.9' })).toMatch(/^hyperparameters\.json, split\.train: train \+ validation \+ test must add up to 1/);
    expect(failure({ 'train.epochs.max': '3' })).toMatch(/^hyperparameters\.json, train\.epochs\.max: /);
    expect(failure({ 'data.source': 'x.csv' })).toMatch(/data\.source: is set by the job/);
    expect(failure({ 'tuning.maxTrials': '3' })).toMatch(/tuning\.maxTrials: is the tuning job's to set/);
    expect(failure({ 'train..x': '3' })).toMatch(/train\.\.x: is not a spec field/);
  });

  it('refuses a file that is not an object of strings, naming the key', () => {
    expect(() => readHyperparameters([])).toThrow(/hyperparameters\.json: must be a JSON object/);
    expect(() => readHyperparameters({ 'train.epochs': 3 })).toThrow(/hyperparameters\.json, train\.epochs: must be a string/);
  });

  it('round-trips any valid learning rate and batch size through their text', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.integer({ min: 1, max: 65536 }), (lr, batch) => {
        const spec = apply({ 'train.learningRate': String(lr), 'train.batchSize': String(batch) });
        return spec.train.learningRate === lr && spec.train.batchSize === batch;
      }),
      { numRuns: 200 },
    );
  });
});
