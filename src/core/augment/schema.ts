import { z } from 'zod';

const probability = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
/** A strength in [0, max]; 0 turns the op into an exact identity. */
const strength = (max: number) => z.number().min(0, `must be between 0 and ${max}`).max(max, `must be between 0 and ${max}`);

/** One op's chance of being applied to each image, and its default. */
const chance = (p: number) => ({ p: probability.default(p) });

const opsSchema = z.strictObject({
  /** Mirror left ↔ right. Off for digits and text, where a mirror changes the class. */
  flipHorizontal: z.strictObject(chance(0.5)).prefault({}),
  /** Mirror top ↔ bottom. */
  flipVertical: z.strictObject(chance(0)).prefault({}),
  /** Rotate about the centre by an angle drawn from ±degrees (positive is counter-clockwise). */
  rotate: z.strictObject({ ...chance(0.5), degrees: strength(180).default(15) }).prefault({}),
  /**
   * Random crop resized back to full size (a zoom): keeps a square of area drawn from [scale, 1]
   * of the image, at a random place. scale = 1 never crops.
   */
  crop: z
    .strictObject({
      ...chance(0.5),
      scale: z.number().gt(0, 'must be more than 0 and at most 1').max(1, 'must be more than 0 and at most 1').default(0.8),
    })
    .prefault({}),
  /** Shift by up to ±fraction of the width and height. */
  translate: z.strictObject({ ...chance(0.5), fraction: strength(0.5).default(0.1) }).prefault({}),
  /** Add one value drawn from ±delta to every pixel (pixels are in [0, 1]). */
  brightness: z.strictObject({ ...chance(0.5), delta: strength(1).default(0.2) }).prefault({}),
  /** Scale each channel's distance from its mean by a factor drawn from 1 ± delta. */
  contrast: z.strictObject({ ...chance(0.5), delta: strength(1).default(0.2) }).prefault({}),
  /** Add Gaussian noise with this standard deviation to every pixel. */
  noise: z.strictObject({ ...chance(0.25), std: strength(1).default(0.05) }).prefault({}),
  /** Black out one square whose side is this fraction of the image side, at a random place. */
  cutout: z.strictObject({ ...chance(0.25), size: strength(1).default(0.25) }).prefault({}),
});

/** How rotate, crop and translate fill the pixels they uncover. */
export const fillModes = ['reflect', 'constant', 'nearest'] as const;
export type FillMode = (typeof fillModes)[number];

/** The spec's `augment` section: random changes applied to training images only, every epoch afresh. */
export const augmentSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Seed of the random draws; the spec's seed when absent. */
  seed: z.number().int('must be a whole number').min(0, 'must be 0 or more').optional(),
  /** `constant` fills with black; `reflect` mirrors the image across its border. */
  fill: z.enum(fillModes).default('reflect'),
  ops: opsSchema.prefault({}),
});

/** The augment section as a person writes it: every field optional. */
export type AugmentSpecInput = z.input<typeof augmentSchema>;
/** The augment section with every default filled in. */
export type AugmentSpec = z.output<typeof augmentSchema>;
/** Every op with its probability and strength. */
export type AugmentOps = AugmentSpec['ops'];
/** The names of the ops, in the order they are applied. */
export type AugmentOpName = keyof AugmentOps;
/** What the augmentation itself needs (the switch and the seed are the caller's business). */
export type AugmentOptions = Pick<AugmentSpec, 'fill' | 'ops'>;

/** Op names in the order they are applied: flips, geometry, colour, noise, cutout. */
export const augmentOpNames: readonly AugmentOpName[] = [
  'flipHorizontal',
  'flipVertical',
  'rotate',
  'crop',
  'translate',
  'brightness',
  'contrast',
  'noise',
  'cutout',
];

/** The augment section with every default filled in (and `enabled: false`). */
export const defaultAugment: AugmentSpec = augmentSchema.parse({});
