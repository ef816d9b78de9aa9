import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferStack, type OutputLayer } from '../../../src/core/train/layers.ts';
import { layersSchema, type LayerInput } from '../../../src/core/train/layers-schema.ts';
import { buildStack } from '../../../workers/train/layers/build.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const stacks: [string, number[], LayerInput[], OutputLayer][] = [
  ['table MLP with batch norm and dropout', [7], [{ type: 'dense', units: 16 }, { type: 'batchNorm' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 5, activation: 'selu' }], { units: 3, activation: 'softmax' }],
  ['no hidden layer (linear regression)', [9], [], { units: 1, activation: 'linear' }],
  ['pixels straight to the output (automatic flatten)', [6, 5, 3], [], { units: 4, activation: 'softmax' }],
  [
    'CNN: same/valid, stride, both pools, batch norm, flatten',
    [20, 18, 3],
    [
      { type: 'conv2d', filters: 6, kernelSize: 3, strides: 2 },
      { type: 'batchNorm' },
      { type: 'maxPool', poolSize: 2 },
      { type: 'conv2d', filters: 5, kernelSize: 2, padding: 'valid', activation: 'tanh' },
      { type: 'avgPool', poolSize: 2, strides: 1 },
      { type: 'flatten' },
      { type: 'dense', units: 8 },
    ],
    { units: 2, activation: 'softmax' },
  ],
  ['CNN with global average pooling', [16, 16, 1], [{ type: 'conv2d', filters: 4, kernelSize: 5 }, { type: 'globalAvgPool' }, { type: 'dropout' }], { units: 3, activation: 'softmax' }],
];

describe('buildStack agrees with inferStack', () => {
  it.each(stacks)('%s: output shapes, countParams and trainable weights match TF.js', (_name, input, list, output) => {
    const layers = layersSchema.parse(list);
    const summary = inferStack(input, layers, output);
    expect(summary.issue).toBeNull();
    const model = buildStack(input, layers, output, 3);
    expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual(summary.rows.map((r) => r.shape));
    expect(model.countParams()).toBe(summary.params);
    const trainable = model.trainableWeights.reduce((a, w) => a + (w.shape as number[]).reduce((x, y) => x * y, 1), 0);
    expect(trainable).toBe(summary.trainable);
    expect(summary.params).toBeGreaterThan(0);
    model.dispose();
  });

  it('seeds the weights: the same seed builds the same model, another seed a different one', () => {
    const layers = layersSchema.parse([{ type: 'conv2d', filters: 2 }, { type: 'flatten' }, { type: 'dense', units: 4 }]);
    const weights = (seed: number) => {
      const model = buildStack([5, 5, 1], layers, { units: 2, activation: 'softmax' }, seed);
      const values = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(1)).toEqual(weights(1));
    expect(weights(2)).not.toEqual(weights(1));
  });
});
