import * as tf from '@tensorflow/tfjs';
import { deriveSeed, drawBatch, isIdentity, type BatchDraws } from '../../src/core/augment/params.ts';
import type { AugmentOptions, FillMode } from '../../src/core/augment/schema.ts';

/**
 * Randomly augments a batch of NHWC images with values in [0, 1], entirely as tensor ops on the
 * active backend (only the per-image choices are uploaded; no pixel is read back). The same seed
 * gives the same batch. Returns a new tensor of the same shape; the caller disposes both.
 *
 * augmentBatch(x, defaultAugment, 7) // → Tensor4D shaped like x, values clipped to [0, 1]
 */
export function augmentBatch(x: tf.Tensor4D, options: AugmentOptions, seed: number): tf.Tensor4D {
  const [size, height, width] = x.shape;
  const draws = drawBatch(options.ops, size, height, width, seed);
  return applyDraws(x, draws, options.fill, [{ count: draws.noise?.images.length ?? 0, seed: noiseSeed(seed) }]);
}

/** The seed of a batch's noise, from the batch's seed. */
export const noiseSeed = (seed: number) => deriveSeed(seed, 1000);

/**
 * Applies drawn choices to a batch. The noise is drawn in `noise` segments, each `count` noisy
 * images with its own seed, in order: one segment for a batch, one per batch for merged draws
 * (mergeDraws), which is what makes a merged pass equal to batch-by-batch passes.
 */
export function applyDraws(x: tf.Tensor4D, draws: BatchDraws, fill: FillMode, noise: readonly { count: number; seed: number }[]): tf.Tensor4D {
  if (isIdentity(draws)) return x.clone();
  return tf.tidy(() => {
    let y = x;
    if (draws.flipHorizontal) y = pick(draws.flipHorizontal, tf.image.flipLeftRight(y), y);
    if (draws.flipVertical) y = pick(draws.flipVertical, flipUpDown(y), y);
    if (draws.transforms) y = transformImages(y, draws.transforms, fill);
    y = adjustColour(y, draws);
    if (draws.noise) y = addNoise(y, draws.noise, noise);
    if (draws.cutout) y = cutOut(y, draws.cutout);
    return tf.clipByValue(y, 0, 1);
  });
}

/** Per image, `chosen` where the flag is 1 and `other` elsewhere. */
function pick(flags: Uint8Array, chosen: tf.Tensor4D, other: tf.Tensor4D): tf.Tensor4D {
  if (flags.every((f) => f === 1)) return chosen;
  return tf.where(tf.tensor4d(flags, [flags.length, 1, 1, 1], 'bool'), chosen, other);
}

/**
 * Mirrors top ↔ bottom: seen as [n, 1, h, w·c], a left-right flip swaps whole rows. Same result
 * as tf.reverse(x, 1), which on the CPU backend takes its slow generic path (~200× slower).
 */
function flipUpDown(x: tf.Tensor4D): tf.Tensor4D {
  const [size, height, width, channels] = x.shape;
  return tf.image.flipLeftRight(x.reshape([size, 1, height, width * channels])).reshape(x.shape);
}

// In tfjs 4.22 the CPU Transform kernel returns after the first image of a batch (the rest come
// back as fill), so other backends get one image at a time; WebGL and WebGPU index by batch.
const batchedTransform = new Set(['webgl', 'webgpu']);

/**
 * Warps each image by its own `tf.image.transform` row (bilinear). Rows that are the identity are
 * sampled at whole pixels with weights 1 and 0, so those images come back unchanged.
 */
export function transformImages(x: tf.Tensor4D, rows: Float32Array, fill: FillMode): tf.Tensor4D {
  const size = x.shape[0];
  if (batchedTransform.has(tf.getBackend()) || size === 1) {
    return tf.image.transform(x, tf.tensor2d(rows, [size, 8]), 'bilinear', fill, 0);
  }
  const images = tf.split(x, size, 0) as tf.Tensor4D[];
  const warped = images.map((image, i) => {
    const row = rows.subarray(i * 8, i * 8 + 8);
    return isIdentityRow(row) ? image : tf.image.transform(image, tf.tensor2d(row, [1, 8]), 'bilinear', fill, 0);
  });
  return tf.concat(warped, 0) as tf.Tensor4D;
}

function isIdentityRow(row: Float32Array): boolean {
  return row[0] === 1 && row[1] === 0 && row[2] === 0 && row[3] === 0 && row[4] === 1 && row[5] === 0 && row[6] === 0 && row[7] === 0;
}

/**
 * Brightness then contrast as one affine map per image: ((x + b) − mean) · f + mean, where the
 * mean (per channel) moves with b, equals x · f + (b + mean · (1 − f)); f = 1, b = 0 is exact.
 */
function adjustColour(x: tf.Tensor4D, draws: BatchDraws): tf.Tensor4D {
  const perImage = (values: Float32Array) => tf.tensor4d(values, [values.length, 1, 1, 1]);
  if (!draws.contrast && !draws.brightness) return x;
  if (!draws.contrast) return tf.add(x, perImage(draws.brightness!));
  const factor = perImage(draws.contrast);
  const mean = meanColour(x);
  let offset: tf.Tensor = tf.mul(mean, tf.sub(1, factor));
  if (draws.brightness) offset = tf.add(offset, perImage(draws.brightness));
  return tf.add(tf.mul(x, factor), offset);
}

/** Each image's mean per channel, [n, 1, 1, c], as one batched matMul (tf.mean transposes first). */
function meanColour(x: tf.Tensor4D): tf.Tensor4D {
  const [size, height, width, channels] = x.shape;
  const pixels = height * width;
  const average = tf.fill([1, 1, pixels], 1 / pixels);
  return tf.matMul(average, x.reshape([size, pixels, channels])).reshape([size, 1, 1, channels]);
}

/** Adds N(0, std²) noise to the chosen images only; the others get exact zeros. */
function addNoise(x: tf.Tensor4D, noise: { images: number[]; std: number }, segments: readonly { count: number; seed: number }[]): tf.Tensor4D {
  const [size, height, width, channels] = x.shape;
  const count = noise.images.length;
  const parts = segments
    .filter((s) => s.count > 0)
    .map((s) => tf.randomNormal([s.count, height, width, channels], 0, noise.std, 'float32', s.seed));
  const drawn = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  if (count === size) return tf.add(x, drawn);
  // Row 0 of `padded` is zeros; image i reads row 1 + (its rank among the noisy images) or row 0.
  const padded = tf.concat([tf.zeros([1, height, width, channels]), drawn], 0);
  const index = new Int32Array(size);
  noise.images.forEach((image, rank) => (index[image] = rank + 1));
  return tf.add(x, tf.gather(padded, tf.tensor1d(index, 'int32')));
}

/** Blacks out each image's [top, bottom) × [left, right) box, built from row and column ranges. */
function cutOut(x: tf.Tensor4D, boxes: Int32Array): tf.Tensor4D {
  const [size, height, width] = x.shape;
  const edge = (offset: number) => tf.tensor4d(Int32Array.from({ length: size }, (_, i) => boxes[i * 4 + offset]), [size, 1, 1, 1], 'int32');
  const rows = tf.range(0, height, 1, 'int32').reshape([1, height, 1, 1]);
  const cols = tf.range(0, width, 1, 'int32').reshape([1, 1, width, 1]);
  const inRows = tf.logicalAnd(tf.greaterEqual(rows, edge(0)), tf.less(rows, edge(1)));
  const inCols = tf.logicalAnd(tf.greaterEqual(cols, edge(2)), tf.less(cols, edge(3)));
  const keep = tf.logicalNot(tf.logicalAnd(inRows, inCols));
  return tf.mul(x, tf.cast(keep, 'float32'));
}
