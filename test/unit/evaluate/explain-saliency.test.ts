import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { saliencyMaps } from '../../../workers/evaluate/saliency.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** A 4×4×channels → 2-class model that reads only pixel (1, 2): its gradient is 0 everywhere else. */
function onePixelModel(channels: number): tf.LayersModel {
  const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, channels] }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
  const w = new Float32Array(16 * channels * 2);
  const at = (1 * 4 + 2) * channels; // first channel of pixel (row 1, column 2)
  w[at * 2] = 3;
  w[at * 2 + 1] = -3;
  model.layers[1].setWeights([tf.tensor2d(w, [16 * channels, 2]), tf.zeros([2])]);
  return model;
}

describe('saliencyMaps', () => {
  it('gives one non-negative map per image, 1 at the pixel the prediction depends on, 0 elsewhere', () => {
    const model = onePixelModel(3);
    const pixels = Uint8Array.from({ length: 3 * 16 * 3 }, (_, i) => (i * 37) % 256);
    const before = tf.memory().numTensors;
    const maps = saliencyMaps(model, pixels, 3, { width: 4, height: 4, channels: 3, scale: 1 / 255 }, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(maps).toHaveLength(3 * 16);
    for (let img = 0; img < 3; img++) {
      const map = Array.from(maps.subarray(img * 16, (img + 1) * 16));
      expect(Math.min(...map)).toBeGreaterThanOrEqual(0);
      expect(map[1 * 4 + 2]).toBeCloseTo(1, 6);
      expect(map.filter((v, i) => i !== 6 && v !== 0)).toEqual([]);
    }
    model.dispose();
  });

  it('refuses pixels of the wrong size', () => {
    const model = onePixelModel(1);
    expect(() => saliencyMaps(model, new Uint8Array(15), 1, { width: 4, height: 4, channels: 1, scale: 1 })).toThrow(/16 bytes/);
    model.dispose();
  });
});
