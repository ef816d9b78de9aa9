import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import type { PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import type { TrainResult } from '../../../src/core/train/protocol.ts';
import { defaultSpace } from '../../../src/core/tune/default-space.ts';
import { objectiveValue } from '../../../src/core/tune/objective.ts';
import { planTuning, trialSpec } from '../../../src/core/tune/plan-tuning.ts';
import { trialRow } from '../../../src/core/tune/protocol.ts';

const cars = parseCsv(readFileSync('public/data/cars.csv', 'utf8'), 'cars.csv');
const label = 'Miles_per_Gallon';

function spec(input: Partial<PipelineSpecInput>) {
  const result = validateSpec({ version: 1, data: { source: 'cars.csv', label }, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

describe('planTuning', () => {
  it('detects the task, takes the default space, infers the direction, drops folds and tuning from trials', () => {
    const plan = planTuning(spec({ split: { folds: 5 }, tuning: { objective: 'validation.rmse' } }), cars);
    expect(plan.task).toBe('regression');
    expect(plan.space).toEqual(defaultSpace('table', 'regression'));
    expect(plan.direction).toBe('minimize');
    expect(plan.seed).toBe(42);
    expect(plan.base.tuning).toBeUndefined();
    expect(plan.base.split.folds).toBeUndefined();
  });

  it('refuses a space path the spec does not have, naming it', () => {
    const typo = spec({ tuning: { space: { 'train.learnRate': { type: 'continuous', min: 0.001, max: 0.1 } } } });
    expect(() => planTuning(typo, cars)).toThrow(/^tuning\.space\.train\.learnRate: is not a field of the spec: train has no 'learnRate'/);
    expect(() => planTuning(spec({ tuning: { objective: 'validation.f1Macro' } }), cars)).toThrow(/^tuning\.objective: validation\.f1Macro is a classification metric but this task is regression: use one of validation\.rmse, validation\.mae, validation\.r2, validation\.loss$/);
  });
});

describe('trialSpec', () => {
  const base = spec({});
  it('writes hyperparameters and Hyperband epochs into a checked copy', () => {
    const before = structuredClone(base);
    const out = trialSpec(base, { hyperparameters: { 'train.learningRate': 0.0007, 'model.hidden': [32, 16] }, epochs: 9 });
    expect(out.ok && [out.spec.train.learningRate, out.spec.model.hidden, out.spec.train.epochs]).toEqual([0.0007, [32, 16], 9]);
    expect(base).toEqual(before);
  });
  it('turns an invalid combination into a message naming the path', () => {
    expect(trialSpec(base, { hyperparameters: { 'train.batchSize': 0 } })).toEqual({ ok: false, message: 'train.batchSize: Too small: expected number to be >=1' });
  });
});

describe('objectiveValue and trialRow', () => {
  const result = {
    task: 'classification',
    history: [{ epoch: 1, loss: 1, valLoss: 0.9, numTensors: 1, ms: 1 }, { epoch: 2, loss: 0.8, valLoss: 0.7, numTensors: 1, ms: 1 }],
    validation: { task: 'classification', metrics: { accuracy: 0.75, f1Macro: 0.5, precisionMacro: 0.6, recallMacro: 0.4 } },
  } as unknown as TrainResult;
  it('reads the validation metric, and the last epoch validation loss for loss', () => {
    expect(objectiveValue(result, 'validation.f1Macro')).toBe(0.5);
    expect(objectiveValue(result, 'validation.loss')).toBe(0.7);
    expect(() => objectiveValue({ ...result, validation: undefined }, 'validation.accuracy')).toThrow(/^split\.validation: /);
  });
  it('keeps a non-finite objective out of JSON as null, and Hyperband fields when present', () => {
    const trial = { id: 4, hyperparameters: { 'train.learningRate': 0.01 }, epochs: 9, bracket: 0, rung: 1, resumeFrom: 2 };
    expect(trialRow(trial, { objective: Number.NaN, epochs: 3, status: 'failed', message: 'diverged' }, 12.6)).toEqual({
      id: 4, hyperparameters: { 'train.learningRate': 0.01 }, objective: null, status: 'failed', epochs: 3, ms: 13, message: 'diverged', bracket: 0, rung: 1, resumeFrom: 2,
    });
  });
});
