import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpochLogs } from '../../../src/core/train/protocol.ts';
import { fitModel, type TensorSplit } from '../../../workers/train/fit.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { clusters, hostCrossEntropy, smallMlp, trainSpec } from './loop-helpers.ts';

// Kiln's own training loop on TF.js's CPU backend in Node, on a 3-class table of ~100 rows.

let train: TensorSplit;
let val: TensorSplit;
beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  train = clusters(30, 1);
  val = clusters(15, 2);
});
afterAll(() => tf.dispose([train.x, train.y, val.x, val.y]));

const base = { task: 'classification' as const, seed: 42, shouldStop: () => false };

describe('the training loop', () => {
  it('learns: validation accuracy well above chance (1/3), for every optimizer', async () => {
    for (const settings of [
      { optimizer: 'adam', learningRate: 0.02 },
      { optimizer: 'sgd', learningRate: 0.1, momentum: 0.9 },
      { optimizer: 'rmsprop', learningRate: 0.01 },
    ] as const) {
      const spec = trainSpec({ epochs: 15, batchSize: 16, ...settings });
      const model = smallMlp(spec);
      const history: EpochLogs[] = [];
      await fitModel(model, train, val, { ...base, train: spec, onEpoch: (l) => history.push(l) });
      disposeModel(model);
      expect(history).toHaveLength(15);
      expect(history.at(-1)!.valAcc, settings.optimizer).toBeGreaterThan(0.85);
      expect(history.at(-1)!.loss).toBeLessThan(history[0].loss);
    }
  });

  it('keeps the tensor count flat across epochs and after the run, with restore-best, a schedule, class weights and weight decay', async () => {
    const spec = trainSpec({
      epochs: 6,
      batchSize: 7,
      learningRate: 0.02,
      weightDecay: 0.001,
      schedule: 'cosine',
      classWeights: 'balanced',
      earlyStopping: { metric: 'valAccuracy', patience: 10, restoreBest: true },
    });
    const model = smallMlp(spec);
    const before = tf.memory().numTensors;
    const history: EpochLogs[] = [];
    const outcome = await fitModel(model, train, val, { ...base, train: spec, classes: ['a', 'b', 'c'], onEpoch: (l) => history.push(l) });
    expect(history.map((h) => h.numTensors)).toEqual(history.map(() => history[0].numTensors));
    expect(tf.memory().numTensors).toBe(before);
    expect(outcome.bestEpoch).toBeGreaterThan(0);
    expect(history.map((h) => h.lr)).toEqual(history.map((_, i) => (0.02 * (1 + Math.cos((Math.PI * i) / 6))) / 2));
    disposeModel(model);
  });

  it('restore-best leaves the model at exactly the best epoch’s validation loss', async () => {
    // A rate high enough that validation loss bounces, so the best epoch is not the last.
    const spec = trainSpec({ epochs: 12, batchSize: 8, learningRate: 0.3, weightDecay: 0, earlyStopping: { patience: 12, restoreBest: true } });
    const model = smallMlp(spec);
    const history: EpochLogs[] = [];
    const outcome = await fitModel(model, train, val, { ...base, train: spec, onEpoch: (l) => history.push(l) });
    const best = history.reduce((a, b) => (b.valLoss! < a.valLoss! ? b : a));
    expect(outcome.bestEpoch).toBe(best.epoch);
    expect(best.epoch).toBeLessThan(history.length);
    expect(hostCrossEntropy(model, val)).toBeCloseTo(best.valLoss!, 5);
    expect(history.filter((h) => h.best).map((h) => h.epoch).at(-1)).toBe(best.epoch);
    disposeModel(model);
  });

  it('early stopping ends the run `patience` epochs after the best', async () => {
    const spec = trainSpec({ epochs: 200, batchSize: 8, learningRate: 0.3, earlyStopping: { patience: 2 } });
    const model = smallMlp(spec);
    const history: EpochLogs[] = [];
    const outcome = await fitModel(model, train, val, { ...base, train: spec, onEpoch: (l) => history.push(l) });
    expect(outcome.earlyStopped).toBe(true);
    expect(history.length).toBeLessThan(200);
    expect(history.length).toBe(outcome.bestEpoch! + 2);
    disposeModel(model);
  });

  it('pauses between batches without losing state, resumes, and stops while paused', async () => {
    const spec = trainSpec({ epochs: 4, batchSize: 30 });
    const model = smallMlp(spec);
    let paused = false;
    let stop = false;
    const history: EpochLogs[] = [];
    const batchesSeen: string[] = [];
    const run = fitModel(model, train, val, {
      ...base,
      train: spec,
      isPaused: () => paused,
      shouldStop: () => stop,
      onBatch: (e, b) => {
        batchesSeen.push(`${e}.${b}`);
        if (e === 2 && b === 1) paused = true;
      },
      onEpoch: (l) => history.push(l),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(batchesSeen.at(-1)).toBe('2.1'); // held after the batch that asked for the pause
    expect(history).toHaveLength(1);
    paused = false;
    const outcome = await run;
    expect(outcome.stopped).toBe(false);
    expect(history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(batchesSeen).toHaveLength(12);

    // Stop while paused: the loop leaves the pause and ends, keeping the model usable.
    paused = true;
    const second = fitModel(model, train, val, { ...base, train: spec, isPaused: () => paused, shouldStop: () => stop, onEpoch: () => {} });
    await new Promise((r) => setTimeout(r, 120));
    stop = true;
    expect((await second).stopped).toBe(true);
    disposeModel(model);
  });

  it('regression with MAE and Huber lowers its loss', async () => {
    const x = tf.tensor2d(Array.from({ length: 64 }, (_, i) => [i / 64, ((i * 7) % 64) / 64]).flat(), [64, 2]);
    const y = tf.tidy(() => x.matMul(tf.tensor2d([[2], [-1]])).add(0.5) as tf.Tensor2D);
    for (const loss of ['mae', 'huber'] as const) {
      const spec = trainSpec({ epochs: 20, batchSize: 16, loss, learningRate: 0.05 });
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: tf.initializers.zeros() })] });
      const history: EpochLogs[] = [];
      await fitModel(model, { x, y, n: 64 }, null, { ...base, task: 'regression', train: spec, onEpoch: (l) => history.push(l) });
      expect(history.at(-1)!.loss, loss).toBeLessThan(history[0].loss / 3);
      expect(history[0].acc).toBeUndefined();
      model.dispose();
    }
    tf.dispose([x, y]);
  });
});
