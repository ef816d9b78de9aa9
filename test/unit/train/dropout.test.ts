import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layersSchema } from '../../../src/core/train/layers-schema.ts';
import { fitModel, type TensorSplit } from '../../../workers/train/fit.ts';
import { buildStack } from '../../../workers/train/layers/build.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { compileFor } from '../../../workers/train/optimizer.ts';
import { clusters, trainSpec } from './loop-helpers.ts';

// The builder's dropout: a new mask every training step, the same masks for the same seed.

let train: TensorSplit;
beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  train = clusters(20, 4);
});
afterAll(() => tf.dispose([train.x, train.y]));

const layers = layersSchema.parse([{ type: 'dense', units: 16 }, { type: 'dropout', rate: 0.5 }]);
const build = (seed: number) => buildStack([4], layers, { units: 3, activation: 'softmax' }, seed);
const dropoutOf = (model: tf.LayersModel) => model.layers.find((l) => l.getClassName() === 'Dropout')!;
/** Which of 64 units a training call of the dropout layer keeps, as 0/1. */
const mask = (layer: tf.layers.Layer): number[] => tf.tidy(() => Array.from((layer.apply(tf.ones([1, 64]), { training: true }) as tf.Tensor).dataSync(), (v) => (v > 0 ? 1 : 0)));

describe('dropout in built models', () => {
  it('draws a different mask on each training call, the same sequence for the same seed, and none at inference', () => {
    const a = dropoutOf(build(7));
    const first = mask(a);
    const second = mask(a);
    expect(first).not.toEqual(second);
    // Rate 0.5 over 64 units: about half are dropped, not none or all.
    for (const m of [first, second]) expect(m.reduce((s, v) => s + v, 0)).toBeGreaterThan(16);
    for (const m of [first, second]) expect(m.reduce((s, v) => s + v, 0)).toBeLessThan(48);
    const b = dropoutOf(build(7));
    expect([mask(b), mask(b)]).toEqual([first, second]);
    expect(mask(dropoutOf(build(8)))).not.toEqual(first);
    const x = tf.tensor2d([[1, -2, 3]]);
    const identity = a.apply(x, { training: false }) as tf.Tensor;
    expect(Array.from(identity.dataSync())).toEqual([1, -2, 3]);
    tf.dispose([x, identity]);
  });

  it('advances the mask every training step, and two runs with the same seed end with identical weights', async () => {
    const spec = trainSpec({ epochs: 3, batchSize: 10, learningRate: 0.02 });
    const run = async (seed: number) => {
      const model = compileFor(build(seed), spec, 'classification');
      const before = tf.memory().numTensors;
      await fitModel(model, train, null, { train: spec, task: 'classification', seed, shouldStop: () => false, onEpoch: () => {} });
      expect(tf.memory().numTensors).toBe(before);
      const calls = (dropoutOf(model) as unknown as { calls: number }).calls;
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      disposeModel(model);
      return { calls, weights };
    };
    const a = await run(3);
    // 60 rows in batches of 10 for 3 epochs: one fresh mask per step.
    expect(a.calls).toBe(18);
    expect((await run(3)).weights).toEqual(a.weights);
    expect((await run(4)).weights).not.toEqual(a.weights);
  });

  it('saves as a plain Keras Dropout that tf.loadLayersModel reads and that predicts the same', async () => {
    const model = build(5);
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const topology = JSON.stringify(saved!.modelTopology);
    expect(topology).toContain('"class_name":"Dropout"');
    expect(topology).toContain('"rate":0.5');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dropout', 'Dense']);
    const x = tf.tensor2d([[0.5, -1, 2, 0]]);
    const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(q.dataSync())).toEqual(Array.from(p.dataSync()));
    tf.dispose([x, p, q]);
    model.dispose();
    loaded.dispose();
  });
});
