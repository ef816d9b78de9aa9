import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { pipelineSpecSchema } from '../../../../../src/core/spec/schema.ts';
import { buildCnn, disposeModel } from '../../../../../workers/train/model.ts';
import { compareWithOnnx, randomizeWeights } from './roundtrip.ts';

const tol = 1e-4;

describe('convertNetwork on convolutional networks', () => {
  it("matches Kiln's own buildCnn (conv, max-pool, flatten, dense, softmax) with one transpose in and one out", async () => {
    const spec = pipelineSpecSchema.parse({ version: 1, data: { source: 'shapes', label: 'label' }, model: { hidden: [8] } });
    const model = buildCnn(spec.model, [4, 6], spec.train, { width: 12, height: 10, channels: 3, classes: 3 }, 42);
    const r = await compareWithOnnx(model, { batch: 4 });
    expect(r.outputDims).toEqual([3]);
    expect(r.nodes).toEqual(['Transpose', 'Conv', 'Relu', 'MaxPool', 'Conv', 'Relu', 'MaxPool', 'Transpose', 'Flatten', 'MatMul', 'Add', 'Relu', 'MatMul', 'Add', 'Softmax']);
    expect(r.maxDiff).toBeLessThanOrEqual(tol);
    disposeModel(model);
  });

  it('flattens in NHWC order when H != W and C > 1', async () => {
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [5, 3, 2], filters: 4, kernelSize: 1 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 3 }));
    randomizeWeights(model, 2);
    const r = await compareWithOnnx(model);
    expect(r.maxDiff).toBeLessThanOrEqual(tol);
    model.dispose();

    // Dense straight on an image acts on the channel axis, so it too needs NHWC back first.
    const pixelwise = tf.sequential();
    pixelwise.add(tf.layers.conv2d({ inputShape: [4, 3, 2], filters: 3, kernelSize: 2, padding: 'same' }));
    pixelwise.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
    pixelwise.add(tf.layers.flatten());
    randomizeWeights(pixelwise, 6);
    const p = await compareWithOnnx(pixelwise);
    expect(p.outputDims).toEqual([24]);
    expect(p.maxDiff).toBeLessThanOrEqual(tol);
    pixelwise.dispose();
  });

  it('matches conv with same and valid padding, stride 2, dilation and no bias', async () => {
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [11, 8, 3], filters: 5, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'elu' }));
    model.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: [2, 1], padding: 'valid', useBias: false }));
    model.add(tf.layers.conv2d({ filters: 3, kernelSize: 2, dilationRate: 2, padding: 'same', activation: 'tanh' }));
    model.add(tf.layers.flatten());
    randomizeWeights(model, 4);
    const r = await compareWithOnnx(model);
    // [11,8] → same/2 → [6,4] → valid 3×3 /[2,1] → [2,2] → same dilated → [2,2], 3 filters.
    expect(r.outputDims).toEqual([12]);
    expect(r.maxDiff).toBeLessThanOrEqual(tol);
    model.dispose();
  });

  it.each(['same', 'valid'] as const)('matches max and average pooling with %s padding and odd sizes', async (padding) => {
    const model = tf.sequential();
    model.add(tf.layers.maxPooling2d({ inputShape: [9, 7, 2], poolSize: 3, strides: 2, padding }));
    model.add(tf.layers.averagePooling2d({ poolSize: [2, 3], strides: [1, 2], padding }));
    model.add(tf.layers.averagePooling2d({ poolSize: [2, 1], padding }));
    model.add(tf.layers.flatten());
    const r = await compareWithOnnx(model);
    // same: [9,7] → [5,4] → [5,2] → [3,2]; valid: [9,7] → [4,3] → [3,1] → [1,1]; 2 channels.
    const expected = padding === 'same' ? [3 * 2 * 2] : [1 * 1 * 2];
    expect(r.outputDims).toEqual(expected);
    expect(r.tfShape.slice(1)).toEqual(expected);
    expect(r.maxDiff).toBeLessThanOrEqual(tol);
    model.dispose();
  });

  it('matches BatchNormalization on images, global pooling, dropout and an image-shaped output', async () => {
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [6, 5, 2], filters: 3, kernelSize: 3, padding: 'same' }));
    model.add(tf.layers.batchNormalization({}));
    model.add(tf.layers.activation({ activation: 'softmax' }));
    model.add(tf.layers.dropout({ rate: 0.4 }));
    model.add(tf.layers.globalAveragePooling2d({}));
    model.add(tf.layers.dense({ units: 2 }));
    randomizeWeights(model, 9);
    const r = await compareWithOnnx(model);
    expect(r.nodes).toEqual(['Transpose', 'Conv', 'BatchNormalization', 'Softmax', 'ReduceMean', 'MatMul', 'Add']);
    expect(r.maxDiff).toBeLessThanOrEqual(tol);
    model.dispose();

    // A network that ends on an image comes back as NHWC, and BatchNormalization works on NHWC input.
    const image = tf.sequential();
    image.add(tf.layers.batchNormalization({ inputShape: [4, 3, 2], epsilon: 0.1, center: false }));
    image.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }));
    randomizeWeights(image, 10);
    const i = await compareWithOnnx(image);
    expect(i.outputDims).toEqual([2, 2, 2]);
    expect(i.maxDiff).toBeLessThanOrEqual(tol);
    image.dispose();

    const globalMax = tf.sequential();
    globalMax.add(tf.layers.globalMaxPooling2d({ inputShape: [3, 4, 5] }));
    const m = await compareWithOnnx(globalMax);
    expect(m.nodes).toEqual(['ReduceMax']);
    expect(m.maxDiff).toBe(0);
    globalMax.dispose();
  });
});
