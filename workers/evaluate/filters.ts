import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { imageSize } from '../../src/core/collect/image-set.ts';
import type { LearnedFilters } from '../../src/core/evaluate/filters-protocol.ts';
import { resident } from '../state.ts';

/** The input an image model expects: its size and the factor that turns bytes into inputs. */
export interface FilterInput {
  width: number;
  height: number;
  channels: number;
  scale: number;
}

/**
 * The first Conv2D layer's kernels, filter-major, and its feature maps for one image (after its
 * activation), map-major; null when the model has no convolution. The kernel is read in place
 * (never disposed: it is the model's own variable); every tensor made here is disposed.
 *
 * firstLayerFilters(cnn, pixels, { width: 16, height: 16, channels: 1, scale: 1 / 255 })
 * // → { kernel: { width: 3, height: 3, channels: 1, count: 8 }, weights: Float32Array(72), maps: { width: 16, height: 16, count: 8, … } }
 */
export function firstLayerFilters(model: tf.LayersModel, pixels: Uint8Array, input: FilterInput): Omit<LearnedFilters, 'example'> | null {
  const conv = model.layers.find((l) => l.getClassName() === 'Conv2D');
  if (!conv) return null;
  const kernel = conv.getWeights()[0]; // [kh, kw, inC, outC], the live variable
  const [kh, kw, inC, outC] = kernel.shape;
  const raw = kernel.dataSync();
  const weights = new Float32Array(raw.length);
  for (let k = 0; k < outC; k++) for (let i = 0; i < kh * kw * inC; i++) weights[k * kh * kw * inC + i] = raw[i * outC + k];

  // A view of the trained graph up to the convolution: it shares the model's weights and owns none.
  const upToConv = tf.model({ inputs: model.inputs, outputs: conv.output as tf.SymbolicTensor });
  const out = tf.tidy(() => {
    const x = tf.tensor4d(Float32Array.from(pixels), [1, input.height, input.width, input.channels]).mul(input.scale);
    return upToConv.predict(x) as tf.Tensor;
  });
  let values: Float32Array;
  const [, mh, mw] = out.shape as number[];
  try {
    const flat = out.dataSync() as Float32Array;
    values = new Float32Array(flat.length);
    for (let p = 0; p < mh * mw; p++) for (let k = 0; k < outC; k++) values[k * mh * mw + p] = flat[p * outC + k];
  } finally {
    out.dispose();
  }
  const activation = (conv.getConfig().activation as string | undefined) ?? 'linear';
  return { layer: conv.name, activation, kernel: { width: kw, height: kh, channels: inC, count: outC }, weights, maps: { width: mw, height: mh, count: outC, values } };
}

/** The Evaluate stage's call for a trained CNN; api.ts spreads it into evaluateApi. */
export const filtersApi = {
  /** The first convolution's filters and feature maps of image `index` of the set the model trained on; null for a model with no convolution. */
  async learnedFilters(index: number): Promise<LearnedFilters | null> {
    const { trained, trainedOn } = resident;
    if (!trained || trained.kind !== 'images' || !trainedOn || 'columns' in trainedOn) throw new Error('No image model is trained yet: train one in Train first');
    const size = imageSize(trainedOn);
    const count = trainedOn.labels.length;
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new Error(`There is no image ${index}: the set has ${count}`);
    const pixels = trainedOn.pixels.slice(index * size, (index + 1) * size);
    const found = firstLayerFilters(trained.model, pixels, trained.image);
    if (!found) return null;
    const { width, height, channels } = trainedOn;
    const out: LearnedFilters = { ...found, example: { index, name: trainedOn.names[index], width, height, channels, pixels } };
    return Comlink.transfer(out, [found.weights.buffer, found.maps.values.buffer, pixels.buffer]);
  },
};
