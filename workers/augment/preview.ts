import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { imageCount, imageSize } from '../../src/core/collect/image-set.ts';
import { KilnError } from '../../src/core/errors.ts';
import { augmentSchema, type AugmentOptions, type AugmentSpecInput } from '../../src/core/augment/schema.ts';
import { resident } from '../state.ts';
import { augmentBatch } from './augment.ts';

/** How many variants the preview grid shows at least and at most. */
export const previewCount = { min: 8, max: 16 } as const;

/**
 * `count` augmented variants of one HWC byte image, made by the training code path
 * (`augmentBatch` on a batch of copies) and read back once. Each result owns its buffer,
 * ready for `Comlink.transfer`.
 *
 * await previewAugmentations(pixels, 28, 28, 1, defaultAugment, 8, 42) // → 8 Uint8Arrays of 784 bytes
 */
export async function previewAugmentations(
  image: Uint8Array,
  height: number,
  width: number,
  channels: number,
  options: AugmentOptions,
  count: number,
  seed: number,
): Promise<Uint8Array[]> {
  const bytes = height * width * channels;
  if (image.length !== bytes) throw new Error(`augment preview: image has ${image.length} bytes, expected ${height}×${width}×${channels} = ${bytes}`);
  if (!Number.isInteger(count) || count < previewCount.min || count > previewCount.max) {
    throw new KilnError(`preview shows ${previewCount.min} to ${previewCount.max} variants, not ${count}`);
  }
  const out = tf.tidy(() => {
    const one = tf.div(tf.tensor4d(image, [1, height, width, channels], 'int32'), 255) as tf.Tensor4D;
    const augmented = augmentBatch(tf.tile(one, [count, 1, 1, 1]), options, seed);
    return tf.cast(tf.round(tf.mul(augmented, 255)), 'int32');
  });
  try {
    const values = await out.data<'int32'>(); // the one read-back
    return Array.from({ length: count }, (_, i) => Uint8Array.from(values.subarray(i * bytes, (i + 1) * bytes)));
  } finally {
    out.dispose();
  }
}

/** Augment-stage calls the page makes into the worker; spread into the worker's api. */
export const augmentApi = {
  /** Variants of loaded image `imageIndex` under `augment` (the spec's section; `enabled` is ignored), transferred. */
  async previewAugment(augment: AugmentSpecInput, imageIndex: number, count: number, seed: number): Promise<Uint8Array[]> {
    const set = resident.images;
    if (!set) throw new KilnError('No images loaded yet: load an image folder or sample in Collect first');
    const n = imageCount(set);
    if (!Number.isInteger(imageIndex) || imageIndex < 0 || imageIndex >= n) {
      throw new KilnError(`image ${imageIndex} does not exist; the set has images 0 to ${n - 1}`);
    }
    const parsed = augmentSchema.safeParse(augment);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new KilnError(issue.message, { path: ['augment', ...issue.path.map(String)].join('.') });
    }
    const size = imageSize(set);
    const image = set.pixels.subarray(imageIndex * size, (imageIndex + 1) * size);
    const variants = await previewAugmentations(image, set.height, set.width, set.channels, parsed.data, count, seed);
    return Comlink.transfer(variants, variants.map((v) => v.buffer as ArrayBuffer));
  },
};
