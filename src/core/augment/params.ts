import { createRng, type Rng } from '../split/random.ts';
import { placementTransform } from './geometry.ts';
import { augmentOpNames, type AugmentOpName, type AugmentOps } from './schema.ts';

/**
 * Every random decision for one batch, drawn up front on the CPU from the batch seed; only these
 * small arrays go to the device, pixels never come back. `null` means no image in the batch uses
 * that op, so it is skipped outright (which is what makes p = 0 or strength 0 an exact identity).
 */
export interface BatchDraws {
  size: number;
  /** 1 where the image is mirrored left ↔ right. */
  flipHorizontal: Uint8Array | null;
  flipVertical: Uint8Array | null;
  /** size × 8 `tf.image.transform` rows (identity rows for untouched images). */
  transforms: Float32Array | null;
  /** Per-image contrast factor (1 = unchanged) and brightness shift (0 = unchanged). */
  contrast: Float32Array | null;
  brightness: Float32Array | null;
  /** Images that get noise, in batch order, and the noise's standard deviation. */
  noise: { images: number[]; std: number } | null;
  /** size × 4 half-open boxes [top, bottom, left, right) to black out; empty boxes for untouched images. */
  cutout: Int32Array | null;
}

/**
 * Mixes a seed with more whole numbers (op, epoch, chunk…) into a new 32-bit seed, so every
 * stream of draws is independent yet reproducible.
 *
 * deriveSeed(42, 3) // → the same 32-bit integer on every run and platform
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = createRng(seed)() * 4294967296;
  for (const part of parts) h = createRng((h ^ Math.imul(part + 1, 0x9e3779b9)) >>> 0)() * 4294967296;
  return h >>> 0;
}

/**
 * Draws the per-image choices of every op for a batch of `size` images of height × width.
 * Each op has its own stream and draws the same count per image whatever its settings, so
 * changing one op never changes what the others do.
 *
 * drawBatch(defaultAugment.ops, 32, 28, 28, 7).flipHorizontal // → Uint8Array of 32 zeros and ones
 */
export function drawBatch(ops: AugmentOps, size: number, height: number, width: number, seed: number): BatchDraws {
  const rng = Object.fromEntries(augmentOpNames.map((name, i) => [name, createRng(deriveSeed(seed, i))])) as Record<AugmentOpName, Rng>;
  const picked = (name: AugmentOpName, on: boolean): boolean[] =>
    Array.from({ length: size }, () => rng[name]() < ops[name].p && on);
  const anyOf = (flags: boolean[]) => flags.some(Boolean);

  const flipH = picked('flipHorizontal', true);
  const flipV = picked('flipVertical', true);

  const { rotate, crop, translate } = ops;
  let geometric = false;
  const transforms = new Float32Array(size * 8);
  for (let i = 0; i < size; i++) {
    const turn = rng.rotate() < rotate.p && rotate.degrees > 0;
    const angle = ((2 * rng.rotate() - 1) * rotate.degrees * Math.PI) / 180;
    const zoomed = rng.crop() < crop.p && crop.scale < 1;
    const zoom = Math.sqrt(crop.scale + rng.crop() * (1 - crop.scale));
    // The crop stays inside the image: its centre moves at most (1 − zoom) / 2 of a side.
    const [cropX, cropY] = [(2 * rng.crop() - 1) * (1 - zoom) / 2, (2 * rng.crop() - 1) * (1 - zoom) / 2];
    const moved = rng.translate() < translate.p && translate.fraction > 0;
    const [moveX, moveY] = [(2 * rng.translate() - 1) * translate.fraction, (2 * rng.translate() - 1) * translate.fraction];
    const shiftX = ((zoomed ? cropX : 0) + (moved ? moveX : 0)) * width;
    const shiftY = ((zoomed ? cropY : 0) + (moved ? moveY : 0)) * height;
    const row = placementTransform({ angle: turn ? angle : 0, zoom: zoomed ? zoom : 1, shiftX, shiftY }, height, width);
    transforms.set(row, i * 8);
    geometric ||= turn || zoomed || moved;
  }

  const factor = (name: 'brightness' | 'contrast', base: number) => {
    const { p, delta } = ops[name];
    const values = Array.from({ length: size }, () => {
      const on = rng[name]() < p && delta > 0;
      const value = base + (2 * rng[name]() - 1) * delta;
      return on ? value : base;
    });
    return values.some((v) => v !== base) ? Float32Array.from(values) : null;
  };
  const brightness = factor('brightness', 0);
  const contrast = factor('contrast', 1);

  const noisy = picked('noise', ops.noise.std > 0);
  const images = noisy.flatMap((on, i) => (on ? [i] : []));

  const { p: cutP, size: side } = ops.cutout;
  const cutout = new Int32Array(size * 4);
  let cut = false;
  const [boxH, boxW] = [Math.round(side * height), Math.round(side * width)];
  for (let i = 0; i < size; i++) {
    const on = rng.cutout() < cutP && boxH > 0 && boxW > 0;
    const [top, left] = [Math.floor(rng.cutout() * height) - (boxH >> 1), Math.floor(rng.cutout() * width) - (boxW >> 1)];
    if (on) cutout.set([top, top + boxH, left, left + boxW], i * 4);
    cut ||= on;
  }

  return {
    size,
    flipHorizontal: anyOf(flipH) ? Uint8Array.from(flipH, Number) : null,
    flipVertical: anyOf(flipV) ? Uint8Array.from(flipV, Number) : null,
    transforms: geometric ? transforms : null,
    contrast,
    brightness,
    noise: images.length > 0 ? { images, std: ops.noise.std } : null,
    cutout: cut ? cutout : null,
  };
}

/**
 * The draws of consecutive batches as one batch, so a GPU can augment many batches in one pass
 * (far fewer kernel launches) with exactly the result of augmenting each on its own: a batch
 * that drew nothing for an op gets that op's identity values (no flip, the identity transform,
 * contrast 1, brightness 0, an empty cutout box). Noise images are renumbered into the merged
 * batch; `noiseCounts[k]` is how many of them batch k holds, so its noise can be drawn with
 * batch k's own seed.
 *
 * mergeDraws([drawBatch(ops, 32, 28, 28, s0), drawBatch(ops, 32, 28, 28, s1)]).size // → 64
 */
export function mergeDraws(parts: readonly BatchDraws[]): BatchDraws & { noiseCounts: number[] } {
  const size = parts.reduce((n, d) => n + d.size, 0);
  const offsets = parts.map((_, k) => parts.slice(0, k).reduce((n, d) => n + d.size, 0));
  /** One field over all parts, `fill` where a part has none; null when no part has it. */
  function join<T extends Uint8Array | Float32Array | Int32Array>(
    get: (d: BatchDraws) => T | null,
    make: (length: number) => T,
    width: number,
    fill: readonly number[],
  ): T | null {
    if (parts.every((d) => get(d) === null)) return null;
    const out = make(size * width);
    parts.forEach((d, k) => {
      const values = get(d);
      if (values) out.set(values, offsets[k] * width);
      else for (let i = 0; i < d.size; i++) out.set(fill, (offsets[k] + i) * width);
    });
    return out;
  }
  const noisy = parts.flatMap((d, k) => (d.noise ? d.noise.images.map((i) => offsets[k] + i) : []));
  const std = parts.find((d) => d.noise)?.noise?.std ?? 0;
  return {
    size,
    flipHorizontal: join((d) => d.flipHorizontal, (n) => new Uint8Array(n), 1, [0]),
    flipVertical: join((d) => d.flipVertical, (n) => new Uint8Array(n), 1, [0]),
    transforms: join((d) => d.transforms, (n) => new Float32Array(n), 8, [1, 0, 0, 0, 1, 0, 0, 0]),
    contrast: join((d) => d.contrast, (n) => new Float32Array(n), 1, [1]),
    brightness: join((d) => d.brightness, (n) => new Float32Array(n), 1, [0]),
    noise: noisy.length > 0 ? { images: noisy, std } : null,
    cutout: join((d) => d.cutout, (n) => new Int32Array(n), 4, [0, 0, 0, 0]),
    noiseCounts: parts.map((d) => d.noise?.images.length ?? 0),
  };
}

/** True when the draws change nothing, so the batch can be returned as it is. */
export function isIdentity(d: BatchDraws): boolean {
  return !d.flipHorizontal && !d.flipVertical && !d.transforms && !d.contrast && !d.brightness && !d.noise && !d.cutout;
}
