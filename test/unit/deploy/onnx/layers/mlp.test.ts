import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { pipelineSpecSchema } from '../../../../../src/core/spec/schema.ts';
import { buildModel, disposeModel } from '../../../../../workers/train/model.ts';
import { compareWithOnnx, randomizeWeights } from './roundtrip.ts';

type DenseArgs = Parameters<typeof tf.layers.dense>[0];

const activations = ['linear', 'relu', 'relu6', 'sigmoid', 'hardSigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'softmax', 'logSoftmax'] as const;

describe('convertNetwork on dense networks', () => {
  it.each(activations)('matches TF.js for a Dense layer with activation %s', async (activation) => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 6, inputShape: [4], activation: 'linear' }));
    // TF.js registers logSoftmax but leaves it out of its ActivationIdentifier type.
    model.add(tf.layers.dense({ units: 3, activation: activation as DenseArgs['activation'] }));
    randomizeWeights(model, 3);
    // Inputs up to ±3 reach every activation's saturated ends (relu6 clips, hardSigmoid flattens).
    const r = await compareWithOnnx(model, { batch: 8, scale: 3 });
    expect(r.onnxDims).toEqual([8, 3]);
    expect(r.outputDims).toEqual([3]);
    expect(r.maxDiff).toBeLessThanOrEqual(1e-4);
    model.dispose();
  });

  it("matches Kiln's own buildModel, classification with dropout and regression", async () => {
    const spec = pipelineSpecSchema.parse({ version: 1, data: { source: 'x.csv', label: 'y' }, model: { hidden: [12, 8], activation: 'tanh', dropout: 0.3 } });
    const classify = buildModel(spec.model, spec.train, { inputWidth: 5, outputs: 4, task: 'classification' }, 7);
    const regress = buildModel(spec.model, spec.train, { inputWidth: 5, outputs: 1, task: 'regression' }, 8);
    const c = await compareWithOnnx(classify, { batch: 6, scale: 2 });
    const r = await compareWithOnnx(regress, { batch: 6, scale: 2 });
    expect([c.outputDims, r.outputDims]).toEqual([[4], [1]]);
    // Dropout emits no node; only MatMul/Add and the activations appear.
    expect(c.nodes).toEqual(['MatMul', 'Add', 'Tanh', 'MatMul', 'Add', 'Tanh', 'MatMul', 'Add', 'Softmax']);
    expect(c.maxDiff).toBeLessThanOrEqual(1e-4);
    expect(r.maxDiff).toBeLessThanOrEqual(1e-4);
    disposeModel(classify);
    disposeModel(regress);
  });

  it('matches TF.js for BatchNormalization on features, LeakyReLU, no bias and an Activation layer', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 5, inputShape: [3], useBias: false }));
    model.add(tf.layers.batchNormalization({ epsilon: 0.01 }));
    model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
    model.add(tf.layers.batchNormalization({ scale: false, center: false }));
    model.add(tf.layers.activation({ activation: 'softmax' }));
    randomizeWeights(model, 11);
    const r = await compareWithOnnx(model, { batch: 7, scale: 2 });
    expect(r.nodes).toEqual(['MatMul', 'BatchNormalization', 'LeakyRelu', 'BatchNormalization', 'Softmax']);
    expect(r.maxDiff).toBeLessThanOrEqual(1e-4);
    model.dispose();
  });

  it('passes an explicit InputLayer through', async () => {
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [3] }), tf.layers.dense({ units: 2, activation: 'relu' })] });
    randomizeWeights(model, 12);
    const r = await compareWithOnnx(model);
    expect(r.nodes).toEqual(['MatMul', 'Add', 'Relu']);
    expect(r.maxDiff).toBeLessThanOrEqual(1e-4);
    model.dispose();
  });

  it('matches TF.js for a functional model that is a simple chain', async () => {
    const input = tf.input({ shape: [4] });
    const hidden = tf.layers.dense({ units: 6, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const dropped = tf.layers.dropout({ rate: 0.5 }).apply(hidden) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 2, activation: 'sigmoid' }).apply(dropped) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    randomizeWeights(model, 5);
    const r = await compareWithOnnx(model);
    expect(r.outputDims).toEqual([2]);
    expect(r.maxDiff).toBeLessThanOrEqual(1e-4);
    model.dispose();
  });
});
