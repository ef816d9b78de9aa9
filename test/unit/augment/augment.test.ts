import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { placementTransform } from '../../../src/core/augment/geometry.ts';
import { augmentSchema, type AugmentOptions, type AugmentSpecInput } from '../../../src/core/augment/schema.ts';
import { augmentBatch, transformImages } from '../../../workers/augment/augment.ts';
import { distinctBatch, image, useCpuBackend } from './tf-cpu.ts';

useCpuBackend();

const off = Object.fromEntries(
  ['flipHorizontal', 'flipVertical', 'rotate', 'crop', 'translate', 'brightness', 'contrast', 'noise', 'cutout'].map((name) => [name, { p: 0 }]),
);
/** Only the given ops on (everything else p = 0). */
function only(ops: NonNullable<AugmentSpecInput['ops']>, fill: AugmentOptions['fill'] = 'reflect'): AugmentOptions {
  return augmentSchema.parse({ fill, ops: { ...off, ...ops } });
}
const full = only({
  flipHorizontal: { p: 0.5 },
  flipVertical: { p: 0.5 },
  rotate: { p: 1 },
  crop: { p: 1 },
  translate: { p: 1 },
  brightness: { p: 1 },
  contrast: { p: 1 },
  noise: { p: 1 },
  cutout: { p: 1 },
});

/** Runs augmentBatch and returns its values, disposing what it made. */
function augmentValues(x: tf.Tensor4D, options: AugmentOptions, seed = 1): number[][][][] {
  const y = augmentBatch(x, options, seed);
  try {
    expect(y.shape).toEqual(x.shape);
    expect(y.dtype).toBe('float32');
    return y.arraySync();
  } finally {
    y.dispose();
  }
}

describe('augmentBatch', () => {
  it('mirrors left ↔ right exactly with flipHorizontal p = 1', () => {
    const x = distinctBatch(3, 4, 5, 3);
    const got = augmentValues(x, only({ flipHorizontal: { p: 1 } }));
    const want = (x.arraySync() as number[][][][]).map((img) => img.map((row) => [...row].reverse()));
    expect(got).toEqual(want);
    x.dispose();
  });

  it('mirrors top ↔ bottom exactly with flipVertical p = 1', () => {
    const x = distinctBatch(2, 5, 4, 1);
    const got = augmentValues(x, only({ flipVertical: { p: 1 } }));
    expect(got).toEqual((x.arraySync() as number[][][][]).map((img) => [...img].reverse()));
    x.dispose();
  });

  it('flips only the images it picked, leaving the others exact', () => {
    const x = distinctBatch(16, 3, 3, 1);
    const got = augmentValues(x, only({ flipHorizontal: { p: 0.5 } }), 3);
    const before = x.arraySync() as number[][][][];
    const flipped = got.filter((img, i) => JSON.stringify(img) !== JSON.stringify(before[i]));
    expect(flipped.length).toBeGreaterThan(0);
    expect(flipped.length).toBeLessThan(16);
    got.forEach((img, i) => expect([JSON.stringify(before[i]), JSON.stringify(before[i].map((r) => [...r].reverse()))]).toContain(JSON.stringify(img)));
    x.dispose();
  });

  it('is the exact identity when every op has p = 0, or strength 0', () => {
    const x = distinctBatch(4, 6, 6, 3);
    const before = x.arraySync();
    expect(augmentValues(x, only({}))).toEqual(before);
    const weak = only({
      rotate: { p: 1, degrees: 0 },
      crop: { p: 1, scale: 1 },
      translate: { p: 1, fraction: 0 },
      brightness: { p: 1, delta: 0 },
      contrast: { p: 1, delta: 0 },
      noise: { p: 1, std: 0 },
      cutout: { p: 1, size: 0 },
    });
    expect(augmentValues(x, weak)).toEqual(before);
    expect(augmentValues(x, only({ noise: { p: 1, std: 0 } }))).toEqual(before);
    x.dispose();
  });

  it('turns a square image 90° counter-clockwise (rot90) through tf.image.transform', () => {
    const x = distinctBatch(2, 5, 5, 2);
    const row = placementTransform({ angle: Math.PI / 2, zoom: 1, shiftX: 0, shiftY: 0 }, 5, 5);
    const rows = Float32Array.from([...row, ...row]);
    const y = transformImages(x, rows, 'constant');
    const before = x.arraySync() as number[][][][];
    const got = y.arraySync() as number[][][][];
    for (let b = 0; b < 2; b++) {
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 5; j++) {
          // np.rot90: out[i][j] = in[j][w − 1 − i]
          got[b][i][j].forEach((v, c) => expect(v).toBeCloseTo(before[b][j][4 - i][c], 5));
        }
      }
    }
    tf.dispose([x, y]);
  });

  it('warps every image of a batch on the CPU backend, not only the first', () => {
    const x = tf.ones([3, 4, 4, 1]) as tf.Tensor4D;
    const shift = placementTransform({ angle: 0, zoom: 1, shiftX: 0.5, shiftY: 0 }, 4, 4);
    const y = transformImages(x, Float32Array.from([...shift, ...shift, ...shift]), 'reflect');
    expect(Array.from(y.dataSync())).toEqual(Array(48).fill(1));
    tf.dispose([x, y]);
  });

  it('still needs the per-image CPU path: tfjs 4.22 CPU Transform fills all but the first image', () => {
    // When this fails, tfjs fixed its kernel and transformImages can batch on every backend.
    const x = tf.ones([2, 2, 2, 1]) as tf.Tensor4D;
    const rows = tf.tensor2d([[1, 0, 0, 0, 1, 0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0]]);
    const y = tf.image.transform(x, rows, 'bilinear', 'constant', 0);
    expect(Array.from(y.dataSync())).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    tf.dispose([x, rows, y]);
  });

  it('keeps the shape and keeps every value in [0, 1] with the full chain on', () => {
    const x = distinctBatch(8, 12, 10, 3);
    const values = augmentValues(x, full).flat(3);
    expect(values.length).toBe(8 * 12 * 10 * 3);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    x.dispose();
  });

  it('repeats for the same seed and differs for another', () => {
    const x = distinctBatch(4, 8, 8, 1);
    expect(augmentValues(x, full, 5)).toEqual(augmentValues(x, full, 5));
    expect(augmentValues(x, full, 5)).not.toEqual(augmentValues(x, full, 6));
    x.dispose();
  });

  it('cuts out a square of the configured size and nothing else', () => {
    const x = tf.fill([4, 8, 8, 1], 0.5) as tf.Tensor4D;
    const got = augmentValues(x, only({ cutout: { p: 1, size: 0.25 } }, 'constant'), 2);
    for (let i = 0; i < 4; i++) {
      const zeros = got[i].flat(2).filter((v) => v === 0).length;
      const halves = got[i].flat(2).filter((v) => v === 0.5).length;
      expect(zeros + halves).toBe(64);
      expect(zeros).toBeGreaterThan(0);
      expect(zeros).toBeLessThanOrEqual(4);
    }
    x.dispose();
  });

  it('shifts each image by one brightness value, and keeps channel means under contrast', () => {
    // Values in [0.3, 0.7] so a ±0.2 change never clips.
    const x = tf.tidy(() => tf.add(tf.mul(distinctBatch(6, 5, 5, 3), 0.4), 0.3)) as tf.Tensor4D;
    const before = x.arraySync() as number[][][][];
    const bright = augmentValues(x, only({ brightness: { p: 1, delta: 0.2 } }), 8);
    bright.forEach((img, i) => {
      const shifts = img.flat(2).map((v, k) => v - before[i].flat(2)[k]);
      expect(Math.max(...shifts) - Math.min(...shifts)).toBeLessThan(1e-6);
      expect(Math.abs(shifts[0])).toBeLessThanOrEqual(0.2 + 1e-6);
    });
    const channelMeans = (img: number[][][]) => [0, 1, 2].map((c) => img.flat().reduce((a, px) => a + px[c], 0) / 25);
    const contrasted = augmentValues(x, only({ contrast: { p: 1, delta: 0.2 } }), 8);
    contrasted.forEach((img, i) => {
      channelMeans(img).forEach((m, c) => expect(m).toBeCloseTo(channelMeans(before[i])[c], 5));
      expect(img).not.toEqual(before[i]);
    });
    x.dispose();
  });

  it('adds noise with about the configured standard deviation', () => {
    const x = tf.fill([4, 16, 16, 1], 0.5) as tf.Tensor4D;
    const values = augmentValues(x, only({ noise: { p: 1, std: 0.05 } })).flat(3);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(std).toBeGreaterThan(0.04);
    expect(std).toBeLessThan(0.06);
    x.dispose();
  });

  it('leaves no tensor behind: the count returns to where it was after disposing the output', () => {
    const x = distinctBatch(8, 8, 8, 3);
    const before = tf.memory().numTensors;
    for (const options of [full, only({}), only({ noise: { p: 0.5 } })]) {
      augmentBatch(x, options, 9).dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
    x.dispose();
  });

  it('does not change or dispose its input', () => {
    const x = distinctBatch(4, 6, 6, 3);
    const before = x.arraySync();
    augmentBatch(x, full, 4).dispose();
    expect(x.isDisposed).toBe(false);
    expect(x.arraySync()).toEqual(before);
    x.dispose();
  });
});
