import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../src/core/augment/params.ts';
import type { AugmentOptions, AugmentSpec } from '../../src/core/augment/schema.ts';
import { augmentBatch } from './augment.ts';

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
 * Augments an epoch's training features (flat [n, h·w·c] or [n, h, w, c]) chunk by chunk on the
 * device, seeded by (seed, epoch, chunk), and returns one new tensor shaped like `x`.
 * `x` is left as it is (not disposed); every intermediate is disposed.
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
  try {
    for (let start = 0, chunk = 0; start < n; start += batchSize, chunk++) {
      const slice = images.slice([start, 0, 0, 0], [Math.min(batchSize, n - start), height, width, channels]);
      try {
        parts.push(augmentBatch(slice, options, deriveSeed(seed, epoch, chunk)));
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
