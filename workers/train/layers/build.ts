import * as tf from '@tensorflow/tfjs';
import type { OutputLayer } from '../../../src/core/train/layers.ts';
import type { Layer } from '../../../src/core/train/layers-schema.ts';
import { seededDropout } from './dropout.ts';

/**
 * Builds an uncompiled Sequential model: the hidden layers in order, a flatten when an image
 * reaches the output, and the output layer. Initialisers are seeded per kind of layer (dense k:
 * seed + k, dropout k: + 100 + k, conv k: + 200 + k, output: + 1000) so the hidden/filters
 * shorthand builds exactly the weights it always did. Check the stack with core's inferStack first.
 *
 * buildStack([4], [{ type: 'dense', units: 8, activation: 'relu' }], { units: 3, activation: 'softmax' }, 42) // → dense 8 → dense 3 softmax
 */
export function buildStack(input: readonly number[], layers: readonly Layer[], output: OutputLayer, seed: number): tf.Sequential {
  const model = tf.sequential();
  const count = { dense: 0, dropout: 0, conv2d: 0 };
  const next = (kind: keyof typeof count) => count[kind]++;
  // Only the first layer declares the input shape.
  const first = () => (model.layers.length === 0 ? { inputShape: [...input] } : {});
  let rank = input.length;
  for (const layer of layers) {
    model.add(makeLayer(layer, seed, next, first()));
    if (layer.type === 'flatten' || layer.type === 'globalAvgPool') rank = 1;
  }
  if (rank === 3) model.add(tf.layers.flatten(first()));
  model.add(
    tf.layers.dense({
      units: output.units,
      activation: output.activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1000 }),
      ...first(),
    }),
  );
  return model;
}

type Counter = (kind: 'dense' | 'dropout' | 'conv2d') => number;

/** One TF.js layer for one spec layer; `extra` carries the input shape for the first. */
function makeLayer(layer: Layer, seed: number, next: Counter, extra: { inputShape?: number[] }): tf.layers.Layer {
  switch (layer.type) {
    case 'dense':
      return tf.layers.dense({ units: layer.units, activation: layer.activation, kernelInitializer: glorot(seed + next('dense')), ...extra });
    case 'conv2d':
      return tf.layers.conv2d({
        filters: layer.filters,
        kernelSize: layer.kernelSize,
        strides: layer.strides ?? 1,
        padding: layer.padding,
        activation: layer.activation,
        kernelInitializer: glorot(seed + 200 + next('conv2d')),
        ...extra,
      });
    case 'maxPool':
      return tf.layers.maxPooling2d({ poolSize: layer.poolSize, strides: layer.strides ?? layer.poolSize, ...extra });
    case 'avgPool':
      return tf.layers.averagePooling2d({ poolSize: layer.poolSize, strides: layer.strides ?? layer.poolSize, ...extra });
    case 'dropout':
      // A fresh mask per step, the same masks per run: TF.js's seeded Dropout repeats one mask forever.
      return seededDropout({ rate: layer.rate, seed: seed + 100 + next('dropout'), ...extra });
    case 'batchNorm':
      return tf.layers.batchNormalization({ ...extra });
    case 'flatten':
      return tf.layers.flatten(extra);
    case 'globalAvgPool':
      return tf.layers.globalAveragePooling2d(extra);
  }
}

const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });
