import * as tf from '@tensorflow/tfjs';
import { deriveSeed, drawBatch, mergeDraws } from '../../src/core/augment/params.ts';
import type { AugmentOptions, AugmentSpec } from '../../src/core/augment/schema.ts';
import { applyDraws, noiseSeed } from './augment.ts';

/**
 * Pixel values augmented in one pass at most (several batches at once): one pass costs the same
 * ~30 kernel launches whatever its size, which on a GPU is most of the cost for small images.
 */
export const passElements = 1 << 22;

/** `fitModel`'s per-epoch hook: a new tensor shaped like the epoch's training features. */
export type TransformEpoch = (x: tf.Tensor, epoch: number) => tf.Tensor;

/** Everything the hook needs besides the tensor: image size, batch size and seed. */
export interface EpochAugmentConfig {
  height: number;
  width: number;
  channels: number;
  /** Chunk size; the training batch size, so chunk k is exactly the batch `model.fit` takes k-th. */
  batchSize: number;
  seed: number;
  /** Values per pass, default `passElements` (tests set it low to get several passes). */
  passElements?: number;
}

/**
 * The training hook for a spec's augment section, or undefined when augmentation is off.
 * Applied to the shuffled training features only; validation and test data never pass through it.
 *
 * fitModel(model, train, val, { …, transformEpoch: epochAugmenter(spec.augment, { height: 28, width: 28, channels: 1, batchSize: 16, seed: 42 }) })
 */
export function epochAugmenter(augment: AugmentSpec, config: EpochAugmentConfig): TransformEpoch | undefined {
  if (!augment.enabled) return undefined;
  return (x, epoch) => augmentEpoch(x, epoch, augment, config);
}

/**
 * Augments an epoch's training features (flat [n, h·w·c] or [n, h, w, c]) on the device, seeded
 * by (seed, epoch, chunk) for each batch-sized chunk, and returns one new tensor shaped like `x`.
 * Consecutive chunks are merged into passes of up to `passElements` values; the result is exactly
 * that of augmentBatch on each chunk with its seed. `x` is left as it is; intermediates are disposed.
 */
export function augmentEpoch(x: tf.Tensor, epoch: number, options: AugmentOptions, config: EpochAugmentConfig): tf.Tensor {
  const { height, width, channels, batchSize, seed } = config;
  const n = x.shape[0];
  if (x.size !== n * height * width * channels) {
    throw new Error(`augment: training tensor ${JSON.stringify(x.shape)} does not hold ${n} images of ${height}×${width}×${channels}`);
  }
  if (n === 0) return x.clone();
  const images = x.reshape([n, height, width, channels]) as tf.Tensor4D;
  const parts: tf.Tensor4D[] = [];
  const chunksPerPass = Math.max(1, Math.floor((config.passElements ?? passElements) / (batchSize * height * width * channels)));
  const chunks = Math.ceil(n / batchSize);
  try {
    for (let first = 0; first < chunks; first += chunksPerPass) {
      const seeds = Array.from({ length: Math.min(chunksPerPass, chunks - first) }, (_, k) => deriveSeed(seed, epoch, first + k));
      const start = first * batchSize;
      const size = Math.min(seeds.length * batchSize, n - start);
      const draws = mergeDraws(seeds.map((s, k) => drawBatch(options.ops, Math.min(batchSize, size - k * batchSize), height, width, s)));
      const noise = seeds.map((s, k) => ({ count: draws.noiseCounts[k], seed: noiseSeed(s) }));
      const slice = images.slice([start, 0, 0, 0], [size, height, width, channels]);
      try {
        parts.push(applyDraws(slice, draws, options.fill, noise));
      } finally {
        slice.dispose();
      }
    }
    return tf.tidy(() => (parts.length === 1 ? parts[0].clone() : tf.concat(parts, 0)).reshape(x.shape));
  } finally {
    images.dispose();
    tf.dispose(parts);
  }
}
