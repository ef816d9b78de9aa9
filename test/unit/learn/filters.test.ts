import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { valueRange } from '../../../src/core/evaluate/filters-protocol.ts';
import { firstLayerFilters } from '../../../workers/evaluate/filters.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** 4×4×2 input → conv 2×2 with 3 filters ('same', relu) → flatten → 2 classes, with known kernels. */
function tinyCnn(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [4, 4, 2], filters: 3, kernelSize: 2, padding: 'same', activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  // kernel[r][c][ch][k] = 1000k + 100r + 10c + ch, so each value says where it belongs.
  const k = new Float32Array(2 * 2 * 2 * 3);
  for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) for (let ch = 0; ch < 2; ch++) for (let f = 0; f < 3; f++) k[((r * 2 + c) * 2 + ch) * 3 + f] = 1000 * f + 100 * r + 10 * c + ch;
  model.layers[0].setWeights([tf.tensor4d(k, [2, 2, 2, 3]), tf.tensor1d([0, 0, -1e9])]);
  return model;
}

describe('firstLayerFilters', () => {
  it('reads the kernels filter-major and the maps map-major, disposing every tensor it makes', () => {
    const model = tinyCnn();
    const pixels = new Uint8Array(4 * 4 * 2);
    pixels[0] = 255; // pixel (0, 0), channel 0 = 1 after scaling
    const before = tf.memory().numTensors;
    const out = firstLayerFilters(model, pixels, { width: 4, height: 4, channels: 2, scale: 1 / 255 })!;
    expect(tf.memory().numTensors).toBe(before);
    expect(out.kernel).toEqual({ width: 2, height: 2, channels: 2, count: 3 });
    expect(out.activation).toBe('relu');
    // Filter 1, row 1, column 0, channel 1 sits at 1 × 8 + (1 × 2 + 0) × 2 + 1 = 13.
    expect(out.weights[13]).toBe(1000 + 100 + 1);
    expect(Array.from(out.weights.subarray(0, 8))).toEqual([0, 1, 10, 11, 100, 101, 110, 111]);
    expect(out.maps).toMatchObject({ width: 4, height: 4, count: 3 });
    expect(out.maps.values).toHaveLength(3 * 16);
    // With 'same' padding (pad after), output (0, 0) of filter f sees input (0, 0) at kernel (0, 0): weight 1000f.
    expect(out.maps.values[0 * 16]).toBeCloseTo(0, 5);
    expect(out.maps.values[1 * 16]).toBeCloseTo(1000, 3);
    expect(Math.max(...out.maps.values.subarray(2 * 16))).toBe(0); // the -1e9 bias, through relu
    // And the same value as the convolution computed by TF.js itself, in place of the hand count.
    const direct = tf.tidy(() => (model.layers[0].apply(tf.tensor4d(Float32Array.from(pixels), [1, 4, 4, 2]).div(255)) as tf.Tensor).dataSync());
    for (let p = 0; p < 16; p++) for (let f = 0; f < 3; f++) expect(out.maps.values[f * 16 + p]).toBeCloseTo(direct[p * 3 + f], 3);
    model.dispose();
  });

  it('gives null for a model without a convolution', () => {
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [2, 2, 1] }), tf.layers.dense({ units: 2 })] });
    expect(firstLayerFilters(model, new Uint8Array(4), { width: 2, height: 2, channels: 1, scale: 1 })).toBeNull();
    model.dispose();
  });
});

describe('valueRange', () => {
  it('finds the extremes of a slice, and [0, 0] for none', () => {
    expect(valueRange(Float32Array.of(3, -1, 2))).toEqual([-1, 3]);
    expect(valueRange(Float32Array.of(3, -1, 2, 9), 1, 2)).toEqual([-1, 2]);
    expect(valueRange(new Float32Array(0))).toEqual([0, 0]);
  });
});
