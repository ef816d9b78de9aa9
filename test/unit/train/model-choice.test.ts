import { describe, expect, it } from 'vitest';
import { pipelineSpecSchema, type ModelSpec } from '../../../src/core/spec/schema.ts';
import { describeModelChoice, keptValLoss, linearAlternative, modelChoiceMaxRows, pairedDifference, pickCandidate, type ChoiceContext } from '../../../src/core/train/model-choice.ts';
import type { EpochLogs, ModelCandidate } from '../../../src/core/train/protocol.ts';

const modelOf = (model: object = {}): ModelSpec => pipelineSpecSchema.parse({ version: 1, data: { source: 'x', label: 'y' }, model }).model;
const table: ChoiceContext = { kind: 'table', task: 'classification', trainRows: 105, validationRows: 22 };

describe('linearAlternative: when a run also trains a linear model', () => {
  it('applies to the default table model and to preset auto, as logistic for classes and linear for numbers', () => {
    expect(linearAlternative(modelOf(), table)).toEqual({ ...modelOf(), preset: 'logistic' });
    expect(linearAlternative(modelOf(), { ...table, task: 'regression' })?.preset).toBe('linear');
    // Spelling out the defaults is the same spec (a saved spec reruns the same way); auto ignores hidden.
    expect(linearAlternative(modelOf({ hidden: [16], activation: 'relu', dropout: 0 }), table)?.preset).toBe('logistic');
    expect(linearAlternative(modelOf({ preset: 'auto', hidden: [64] }), table)?.preset).toBe('logistic');
    expect(linearAlternative(modelOf(), { ...table, trainRows: modelChoiceMaxRows })?.preset).toBe('logistic');
  });

  it("leaves the user's own model, images, runs without validation rows and large tables alone", () => {
    for (const model of [{ hidden: [32] }, { hidden: [16, 8] }, { activation: 'tanh' }, { dropout: 0.2 }, { type: 'mlp' }, { preset: 'mlp' }, { preset: 'linear' }, { layers: [{ type: 'dense', units: 4 }] }]) {
      expect(linearAlternative(modelOf(model), table), JSON.stringify(model)).toBeNull();
    }
    expect(linearAlternative(modelOf(), { ...table, kind: 'images' })).toBeNull();
    expect(linearAlternative(modelOf({ preset: 'auto' }), { ...table, kind: 'images' })).toBeNull();
    expect(linearAlternative(modelOf(), { ...table, validationRows: 0 })).toBeNull();
    expect(linearAlternative(modelOf(), { ...table, trainRows: modelChoiceMaxRows + 1 })).toBeNull();
  });
});

const mlp = (valLoss: number | null): ModelCandidate => ({ preset: 'mlp', valLoss, epochs: 40 });
const logistic = (valLoss: number | null): ModelCandidate => ({ preset: 'logistic', valLoss, epochs: 90 });

describe('pickCandidate: the one-standard-error rule', () => {
  it('computes the paired mean difference and its standard error', () => {
    // Differences 1, 2, 3, 4: mean 2.5, sd √(5/3), se sd/2.
    const d = pairedDifference([2, 4, 6, 8], [1, 2, 3, 4]);
    expect(d.mean).toBe(2.5);
    expect(d.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
    expect(pairedDifference([1], [2, 3]).mean).toBeNaN();
  });

  it('keeps the linear model unless the MLP is lower by more than one standard error', () => {
    // Linear worse by 0.01 on average, with a standard error of 0.0129: within noise, so the simpler model.
    const close = pickCandidate([mlp(0.0525), logistic(0.0625)], [[0.03, 0.08, 0.05, 0.05], [0.01, 0.12, 0.07, 0.05]]);
    expect(close.index).toBe(1);
    expect(close.difference!.mean).toBeCloseTo(0.01, 12);
    expect(close.difference!.se).toBeCloseTo(0.0129099, 6);
    // Worse on every row by 0.1 ± 0.01: the MLP is clearly better.
    expect(pickCandidate([mlp(0.1), logistic(0.2)], [[0.1, 0.1, 0.1, 0.1], [0.19, 0.21, 0.2, 0.2]]).index).toBe(0);
    // Better on average: linear.
    expect(pickCandidate([mlp(0.3), logistic(0.2)], [[0.3, 0.3], [0.1, 0.3]]).index).toBe(1);
  });

  it('falls back to the lowest mean loss without per-row losses, the MLP on a tie or a missing loss', () => {
    expect(pickCandidate([mlp(0.31), logistic(0.28)]).index).toBe(1);
    expect(pickCandidate([mlp(0.28), logistic(0.31)]).index).toBe(0);
    expect(pickCandidate([mlp(0.3), logistic(0.3)]).index).toBe(0);
    expect(pickCandidate([mlp(null), logistic(0.1)]).index).toBe(0);
  });

  it('reads the kept epoch\'s validation loss from a history', () => {
    const history = [0.5, 0.3, 0.4].map((valLoss, i): EpochLogs => ({ epoch: i + 1, loss: 1, valLoss, numTensors: 0, ms: 1 }));
    expect(keptValLoss(history, 2)).toBe(0.3);
    expect(keptValLoss(history)).toBe(0.4);
    expect(keptValLoss([])).toBeNull();
  });

  it('says which model was kept and why, in one line', () => {
    expect(describeModelChoice({ picked: 'linear', candidates: [mlp(0.0483), logistic(0.0563)], difference: { mean: 0.008, se: 0.0091 } })).toBe(
      "kept logistic regression (validation loss 0.0563; the MLP's 0.0483 is lower by less than one standard error, 0.0091)",
    );
    expect(describeModelChoice({ picked: 'mlp', candidates: [mlp(0.05), logistic(0.2)], difference: { mean: 0.15, se: 0.02 } })).toBe(
      "kept the MLP (validation loss 0.0500; logistic regression's 0.2000)",
    );
    expect(describeModelChoice({ picked: 'linear', candidates: [mlp(0.5), { preset: 'linear', valLoss: 0.4, epochs: 30 }], difference: { mean: -0.1, se: 0.03 } })).toBe(
      "kept linear regression (validation loss 0.4000; the MLP's 0.5000)",
    );
    // One validation row: no spread to judge the difference by (the line once read "…standard error, Infinity").
    expect(describeModelChoice({ picked: 'linear', candidates: [mlp(0.3), logistic(0.5)], difference: { mean: 0.2, se: Infinity } })).toBe(
      "kept logistic regression (validation loss 0.5000; the MLP's 0.3000 is lower on a single validation row, too few to tell them apart)",
    );
  });
});
