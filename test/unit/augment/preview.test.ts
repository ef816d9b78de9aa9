import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageSet } from '../../../src/core/collect/image-set.ts';
import { augmentSchema, defaultAugment } from '../../../src/core/augment/schema.ts';
import { augmentApi, previewAugmentations } from '../../../workers/augment/preview.ts';
import { resident } from '../../../workers/state.ts';
import { useCpuBackend } from './tf-cpu.ts';

useCpuBackend();

const pixels = Uint8Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 37) % 256);
const flipOnly = augmentSchema.parse({ ops: { flipHorizontal: { p: 1 }, rotate: { p: 0 }, crop: { p: 0 }, translate: { p: 0 }, brightness: { p: 0 }, contrast: { p: 0 }, noise: { p: 0 }, cutout: { p: 0 } } });

afterEach(() => {
  resident.images = null;
});

describe('previewAugmentations', () => {
  it('returns count HWC byte images, each with its own buffer, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const variants = await previewAugmentations(pixels, 4, 4, 3, defaultAugment, 8, 1);
    expect(variants).toHaveLength(8);
    for (const v of variants) {
      expect(v).toBeInstanceOf(Uint8Array);
      expect(v.length).toBe(48);
      expect(v.byteOffset).toBe(0);
      expect(v.buffer.byteLength).toBe(48);
    }
    expect(new Set(variants.map((v) => v.join())).size).toBeGreaterThan(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips bytes exactly through a horizontal flip', async () => {
    const [first] = await previewAugmentations(pixels, 4, 4, 3, flipOnly, 8, 1);
    const mirrored = new Uint8Array(48);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) for (let k = 0; k < 3; k++) mirrored[(r * 4 + c) * 3 + k] = pixels[(r * 4 + (3 - c)) * 3 + k];
    expect(Array.from(first)).toEqual(Array.from(mirrored));
  });

  it('refuses a count outside 8 to 16 and an image of the wrong size', async () => {
    await expect(previewAugmentations(pixels, 4, 4, 3, defaultAugment, 4, 1)).rejects.toThrow('preview shows 8 to 16 variants, not 4');
    await expect(previewAugmentations(pixels, 4, 4, 1, defaultAugment, 8, 1)).rejects.toThrow('image has 48 bytes, expected 4×4×1 = 16');
  });
});

describe('augmentApi.previewAugment', () => {
  const set: ImageSet = {
    source: 'shapes',
    width: 4,
    height: 4,
    channels: 3,
    classes: ['a', 'b'],
    labels: Int32Array.from([0, 1]),
    pixels: Uint8Array.from([...pixels, ...pixels.map((v) => 255 - v)]),
    names: ['a/0.png', 'b/0.png'],
    skipped: [],
    warnings: [],
  };

  it('previews the chosen resident image with the parsed section', async () => {
    resident.images = set;
    const variants = await augmentApi.previewAugment({ ops: { flipHorizontal: { p: 0 }, rotate: { p: 0 }, crop: { p: 0 }, translate: { p: 0 }, brightness: { p: 0 }, contrast: { p: 0 }, noise: { p: 0 }, cutout: { p: 0 } } }, 1, 8, 3);
    expect(variants).toHaveLength(8);
    expect(Array.from(variants[0])).toEqual(Array.from(set.pixels.subarray(48)));
  });

  it('says what is wrong: nothing loaded, a missing image, or a bad option (with its path)', async () => {
    await expect(augmentApi.previewAugment({}, 0, 8, 1)).rejects.toThrow('No images loaded yet');
    resident.images = set;
    await expect(augmentApi.previewAugment({}, 2, 8, 1)).rejects.toThrow('image 2 does not exist; the set has images 0 to 1');
    await expect(augmentApi.previewAugment({ ops: { rotate: { p: 2 } } }, 0, 8, 1)).rejects.toThrow('augment.ops.rotate.p: must be between 0 and 1');
  });
});
