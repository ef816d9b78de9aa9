import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { augmentSchema } from '../../../src/core/augment/schema.ts';
import { deriveSeed } from '../../../src/core/augment/params.ts';
import { augmentBatch } from '../../../workers/augment/augment.ts';
import { augmentEpoch, epochAugmenter } from '../../../workers/augment/epoch.ts';
import { distinctBatch, useCpuBackend } from './tf-cpu.ts';

useCpuBackend();

const on = augmentSchema.parse({ enabled: true, ops: { rotate: { p: 1 }, noise: { p: 1 }, cutout: { p: 1 } } });
const config = { height: 6, width: 6, channels: 1, batchSize: 4, seed: 42 };

describe('epochAugmenter', () => {
  it('is undefined when augmentation is off, so fitModel skips it', () => {
    expect(epochAugmenter(augmentSchema.parse({}), config)).toBeUndefined();
    expect(epochAugmenter(on, config)).toBeTypeOf('function');
  });

  it('returns a new tensor shaped like a flat [n, h·w·c] input, chunk by chunk', () => {
    const x = distinctBatch(10, 6, 6, 1).reshape([10, 36]);
    const y = augmentEpoch(x, 1, on, config);
    expect(y.shape).toEqual([10, 36]);
    expect(y).not.toBe(x);
    // Chunk k uses seed (seed, epoch, k): the same call repeats, another epoch differs.
    const again = augmentEpoch(x, 1, on, config);
    const next = augmentEpoch(x, 2, on, config);
    expect(again.arraySync()).toEqual(y.arraySync());
    expect(next.arraySync()).not.toEqual(y.arraySync());
    tf.dispose([x, y, again, next]);
  });

  it('augments several batches in one pass exactly as batch by batch, whatever the pass size', () => {
    // Flips at 0.5 and light ops, so some chunks draw an op and others do not (identity fill in the merge).
    const mixed = augmentSchema.parse({
      enabled: true,
      ops: { flipHorizontal: { p: 0.5 }, flipVertical: { p: 0.3 }, rotate: { p: 0.3 }, brightness: { p: 0.4 }, contrast: { p: 0.3 }, noise: { p: 0.3 }, cutout: { p: 0.3 } },
    });
    const x = distinctBatch(11, 6, 6, 1);
    const chunks = [0, 4, 8].map((start, k) => {
      const slice = x.slice([start, 0, 0, 0], [Math.min(4, 11 - start), 6, 6, 1]);
      const out = augmentBatch(slice, mixed, deriveSeed(42, 3, k));
      slice.dispose();
      return out;
    });
    const byBatch = tf.concat(chunks, 0);
    for (const elements of [1, 36 * 8, 1 << 22]) {
      const merged = augmentEpoch(x, 3, mixed, { ...config, passElements: elements });
      expect(merged.arraySync(), `pass of ${elements} values`).toEqual(byBatch.arraySync());
      merged.dispose();
    }
    tf.dispose([x, byBatch, ...chunks]);
  });

  it('says which shape it expected when the tensor does not hold such images', () => {
    const x = tf.zeros([4, 35]);
    expect(() => augmentEpoch(x, 1, on, config)).toThrow('training tensor [4,35] does not hold 4 images of 6×6×1');
    x.dispose();
  });

  it('keeps the tensor count flat over 3 epochs of shuffle → augment → fit → dispose', async () => {
    const n = 12;
    const trainX = distinctBatch(n, 6, 6, 1);
    const trainY = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % 2), 'int32'), 2);
    const valX = distinctBatch(4, 6, 6, 1);
    const valY = tf.oneHot(tf.tensor1d([0, 1, 0, 1], 'int32'), 2);
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [6, 6, 1] }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    const valBefore = valX.arraySync();
    const hook = epochAugmenter(on, config)!;
    const counts: number[] = [];
    for (let epoch = 1; epoch <= 3; epoch++) {
      // What fit.ts does with the hook: gather the shuffled epoch, transform it, fit, dispose both.
      const [xs, ys] = tf.tidy(() => {
        const idx = tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 5 + epoch) % n), 'int32');
        return [tf.gather(trainX, idx), tf.gather(trainY, idx)];
      });
      const augmented = hook(xs, epoch);
      xs.dispose();
      await model.fit(augmented, ys, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0, validationData: [valX, valY] });
      tf.dispose([augmented, ys]);
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    // Validation data only ever sat beside the hook: untouched, not disposed.
    expect(valX.isDisposed).toBe(false);
    expect(valX.arraySync()).toEqual(valBefore);
    model.dispose();
    tf.dispose([trainX, trainY, valX, valY]);
  });

  it('leaves the training tensor it was given as it was', () => {
    const x = distinctBatch(9, 6, 6, 1);
    const before = x.arraySync();
    const countBefore = tf.memory().numTensors;
    const y = epochAugmenter(on, config)!(x, 1);
    expect(tf.memory().numTensors).toBe(countBefore + 1);
    expect(x.arraySync()).toEqual(before);
    tf.dispose([x, y]);
  });
});
