import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitModel } from '../../../workers/train/fit.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { activate } from '../../../workers/train/backends.ts';
import { clusters, smallMlp, trainSpec } from './loop-helpers.ts';

// SGD with momentum once left one scalar per run: tfjs's MomentumOptimizer.dispose skips SGD's,
// so the learning-rate constant of every compiled model stayed alive. Runs are counted whole:
// build + compile, train, dispose, as the pipeline does.

beforeAll(() => {
  tf.env().set('PROD', true);
});
afterAll(async () => {
  await activate('cpu');
});

describe('SGD with momentum frees everything it made', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`two whole runs on ${backend} leave the tensor count where it started`, async () => {
      expect(await activate(backend)).toBe(true);
      const data = clusters(10, 3);
      const train = trainSpec({ epochs: 2, batchSize: 8, optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 });
      const before = tf.memory().numTensors;
      for (let run = 0; run < 2; run++) {
        const model = smallMlp(train, 5 + run);
        const outcome = await fitModel(model, data, null, { train, task: 'classification', seed: 1, shouldStop: () => false, onEpoch: () => {} });
        expect(outcome.history).toHaveLength(2);
        disposeModel(model);
        expect(tf.memory().numTensors).toBe(before);
      }
      tf.dispose([data.x, data.y]);
    });
  }
});
