import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetedEpochs, budgetNote, defaultEpochBudgetMs, epochBudgetFor, epochPace } from '../../../src/core/train/epoch-budget.ts';
import { fitModel, type FitOptions } from '../../../workers/train/fit.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { clusters, smallMlp, trainSpec } from './loop-helpers.ts';

describe('budgetedEpochs', () => {
  it('leaves the first epoch (warm-up) out of the pace once there are others', () => {
    expect(epochPace([9000])).toBe(9000);
    expect(epochPace([9000, 3000, 3200])).toBe(3100);
  });

  it('stops where the budget runs out, judged from the epochs so far', () => {
    // 4 min, 9 s spent on a warm first epoch, then 3 s each: 2 + floor(228 / 3) = 78.
    expect(budgetedEpochs({ ceiling: 200, epochMs: [9000, 3000], budgetMs: 240_000 })).toBe(78);
    // From the first epoch alone, its 9 s set the pace: 1 + floor(231 / 9) = 26.
    expect(budgetedEpochs({ ceiling: 200, epochMs: [9000], budgetMs: 240_000 })).toBe(26);
  });

  it('never goes past the ceiling, under the floor, or under the epochs already done', () => {
    expect(budgetedEpochs({ ceiling: 60, epochMs: [100, 100], budgetMs: 240_000 })).toBe(60);
    expect(budgetedEpochs({ ceiling: 200, epochMs: [120_000], budgetMs: 240_000 })).toBe(5);
    expect(budgetedEpochs({ ceiling: 200, epochMs: Array(8).fill(60_000), budgetMs: 240_000 })).toBe(8);
    expect(budgetedEpochs({ ceiling: 3, epochMs: [120_000], budgetMs: 1000 })).toBe(3);
    expect(budgetedEpochs({ ceiling: 200, epochMs: [], budgetMs: 1 })).toBe(200);
  });

  it('applies only to a spec written without train.epochs, the default 200 included', () => {
    const data = { source: 'x.csv', label: 'y' };
    expect(epochBudgetFor({ version: 1, data })).toBe(defaultEpochBudgetMs);
    expect(epochBudgetFor({ version: 1, data, train: { batchSize: 32 } })).toBe(defaultEpochBudgetMs);
    expect(epochBudgetFor({ version: 1, data, train: { epochs: 200 } })).toBeUndefined();
    expect(epochBudgetFor({ version: 1, data, train: { epochs: 3 } })).toBeUndefined();
    expect(defaultEpochBudgetMs).toBe(240_000);
  });

  it('says what it did in one line', () => {
    expect(budgetNote(78, 200, 240_000, 3000)).toBe('training stops by epoch 78 of 200 to finish in about 4 min (epochs take 3.0 s here); set train.epochs to choose');
    expect(budgetNote(5, 200, 30_000, 12_345)).toBe('training stops by epoch 5 of 200 to finish in about 30 s (epochs take 12.3 s here); set train.epochs to choose');
  });
});

describe('fitModel with a time budget', () => {
  beforeAll(async () => {
    tf.env().set('PROD', true);
    await tf.setBackend('cpu');
  });

  async function fit(extra: Partial<FitOptions>) {
    const data = clusters(10, 2);
    const train = trainSpec({ epochs: 30, batchSize: 8 });
    const before = tf.memory().numTensors;
    const model = smallMlp(train, 2);
    const notes: string[] = [];
    const outcome = await fitModel(model, data, null, { train, task: 'classification', seed: 1, shouldStop: () => false, onEpoch: () => {}, onNote: (m) => notes.push(m), ...extra });
    disposeModel(model);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([data.x, data.y]);
    return { epochs: outcome.history.length, notes };
  }

  it('ends a run left to Kiln once the budget is spent, saying so once', async () => {
    const { epochs, notes } = await fit({ epochBudgetMs: 0 });
    expect(epochs).toBe(5);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^training stops by epoch 5 of 30 to finish in about 0 s \(epochs take \d+\.\d s here\); set train\.epochs to choose$/);
  });

  it('trains every epoch asked for without a budget, and within a budget it does not reach', async () => {
    expect(await fit({})).toEqual({ epochs: 30, notes: [] });
    expect(await fit({ epochBudgetMs: 3_600_000 })).toEqual({ epochs: 30, notes: [] });
  });
});
