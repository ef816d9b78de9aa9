/**
 * The augmentation benchmark's two arms, shared by the Node run (TF.js CPU, bench/augment.ts)
 * and the browser run (WebGPU, bench/augment-webgpu.ts → bench/browser/augment-page.ts): the
 * same generated images, the same seeded CNN, the same epoch loop as fitModel, with the full
 * augmentation chain on (kiln) and off (reference). Only the clock differs: Node counts its own
 * CPU time, the browser wall time (a GPU's work is not CPU time).
 */
import * as tf from '@tensorflow/tfjs';
import { augmentSchema } from '../../src/core/augment/schema.ts';
import { createRng, shuffleInPlace } from '../../src/core/split/random.ts';
import { epochAugmenter, type TransformEpoch } from '../../workers/augment/epoch.ts';

export const [size, channels, classes, batchSize] = [32, 3, 10, 32];
// Few filters: TF.js's CPU conv backprop is slow, and a cheaper model is the harsher test for augmentation.
export const filters = [4, 8];

/** Worst case: every op on every image (flips at 0.5 so the per-image select runs too). */
export const fullChain = augmentSchema.parse({
  enabled: true,
  ops: {
    flipHorizontal: { p: 0.5 },
    flipVertical: { p: 0.5 },
    ...Object.fromEntries(['rotate', 'crop', 'translate', 'brightness', 'contrast', 'noise', 'cutout'].map((op) => [op, { p: 1 }])),
  },
});

/** n images of size² × channels in [0, 1]: a class-coloured square at a random place on noise. */
export function generate(n: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const rng = createRng(7);
  const pixels = new Float32Array(n * size * size * channels);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = (labels[i] = i % classes);
    const [top, left] = [Math.floor(rng() * (size - 12)), Math.floor(rng() * (size - 12))];
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const inside = r >= top && r < top + 12 && c >= left && c < left + 12;
        for (let k = 0; k < channels; k++) {
          pixels[((i * size + r) * size + c) * channels + k] = inside ? ((label + k * 3) % classes) / classes : rng() * 0.3;
        }
      }
    }
  }
  return { x: tf.tensor4d(pixels, [n, size, size, channels]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), classes) as tf.Tensor2D };
}

/** conv 3×3 ×2, max-pool, dense softmax; seeded so both arms start from the same weights. */
export function buildModel(): tf.LayersModel {
  const conv = (units: number, seed: number, first: boolean) =>
    tf.layers.conv2d({
      filters: units,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      ...(first ? { inputShape: [size, size, channels] } : {}),
    });
  const model = tf.sequential({
    layers: [
      conv(filters[0], 1, true),
      conv(filters[1], 2, false),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

/** Milliseconds by each clock the caller reads; `now()` returns a reading of every clock. */
export type Clocks = Record<string, number>;

/** One epoch as fitModel runs it (seeded shuffle, optional hook, fit, dispose); returns elapsed ms per clock. */
async function epoch(model: tf.LayersModel, data: { x: tf.Tensor4D; y: tf.Tensor2D }, index: number, now: () => Clocks, hook?: TransformEpoch) {
  const n = data.x.shape[0];
  const order = shuffleInPlace(Array.from({ length: n }, (_, i) => i), createRng(index));
  const start = now();
  const [gathered, ys] = tf.tidy(() => {
    const idx = tf.tensor1d(order, 'int32');
    return [tf.gather(data.x, idx), tf.gather(data.y, idx)];
  });
  const xs = hook ? hook(gathered, index) : gathered;
  if (xs !== gathered) gathered.dispose();
  await model.fit(xs, ys, { epochs: 1, batchSize, shuffle: false, verbose: 0 }); // reads the loss back: the device's work is done
  tf.dispose([xs, ys]);
  const end = now();
  return Object.fromEntries(Object.keys(end).map((k) => [k, end[k] - start[k]]));
}

/** Total ms per clock of each arm over `rounds` timed epochs of `n` images, on the current backend. */
export interface ArmTimes {
  plain: Clocks;
  augmented: Clocks;
  /** Live tensors after the warm-up and after the timed epochs: equal, or something leaked. */
  tensors: [number, number];
}

/** Runs both arms, alternating epoch by epoch so drift in machine load hits both alike. */
export async function runArms(n: number, rounds: number, now: () => Clocks): Promise<ArmTimes> {
  const data = generate(n);
  const hook = epochAugmenter(fullChain, { height: size, width: size, channels, batchSize, seed: 42 });
  const [plain, augmented] = [buildModel(), buildModel()];
  // Warm-up on one batch per arm (kernel compilation, optimizer slots); not timed.
  const warm = { x: data.x.slice(0, batchSize), y: data.y.slice(0, batchSize) };
  await epoch(plain, warm, 0, now);
  await epoch(augmented, warm, 0, now, hook);
  tf.dispose([warm.x, warm.y]);
  const before = tf.memory().numTensors;
  const total: { plain: Clocks; augmented: Clocks } = { plain: {}, augmented: {} };
  const add = (into: Clocks, t: Clocks) => Object.entries(t).forEach(([k, v]) => (into[k] = (into[k] ?? 0) + v));
  for (let round = 1; round <= rounds; round++) {
    add(total.plain, await epoch(plain, data, round, now));
    add(total.augmented, await epoch(augmented, data, round, now, hook));
  }
  const after = tf.memory().numTensors;
  plain.dispose();
  augmented.dispose();
  tf.dispose([data.x, data.y]);
  return { ...total, tensors: [before, after] };
}
