import { describe, expect, it } from 'vitest';
import { deriveSeed, drawBatch, isIdentity, mergeDraws } from '../../../src/core/augment/params.ts';
import { augmentSchema, type AugmentOps } from '../../../src/core/augment/schema.ts';

const everything: AugmentOps = augmentSchema.parse({
  ops: {
    flipHorizontal: { p: 1 },
    flipVertical: { p: 1 },
    rotate: { p: 1 },
    crop: { p: 1 },
    translate: { p: 1 },
    brightness: { p: 1 },
    contrast: { p: 1 },
    noise: { p: 1 },
    cutout: { p: 1 },
  },
}).ops;
const nothing: AugmentOps = augmentSchema.parse({
  ops: Object.fromEntries(Object.keys(everything).map((name) => [name, { p: 0 }])),
}).ops;

describe('deriveSeed', () => {
  it('is a reproducible 32-bit integer that changes with every part', () => {
    expect(deriveSeed(42, 1, 2)).toBe(deriveSeed(42, 1, 2));
    const seeds = new Set([deriveSeed(42), deriveSeed(43), deriveSeed(42, 0), deriveSeed(42, 1), deriveSeed(42, 1, 0), deriveSeed(42, 0, 1)]);
    expect(seeds.size).toBe(6);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });
});

describe('drawBatch', () => {
  it('is the identity when every op has p = 0', () => {
    expect(isIdentity(drawBatch(nothing, 64, 8, 8, 1))).toBe(true);
  });

  it('is the identity when every op has strength 0 (flips need p = 0)', () => {
    const weak = augmentSchema.parse({
      ops: {
        flipHorizontal: { p: 0 },
        rotate: { p: 1, degrees: 0 },
        crop: { p: 1, scale: 1 },
        translate: { p: 1, fraction: 0 },
        brightness: { p: 1, delta: 0 },
        contrast: { p: 1, delta: 0 },
        noise: { p: 1, std: 0 },
        cutout: { p: 1, size: 0 },
      },
    }).ops;
    expect(isIdentity(drawBatch(weak, 64, 8, 8, 1))).toBe(true);
  });

  it('uses every op on every image when p = 1', () => {
    const d = drawBatch(everything, 16, 10, 10, 5);
    expect(Array.from(d.flipHorizontal!)).toEqual(Array(16).fill(1));
    expect(d.noise!.images).toEqual(Array.from({ length: 16 }, (_, i) => i));
    for (let i = 0; i < 16; i++) expect(Array.from(d.transforms!.subarray(i * 8, i * 8 + 8))).not.toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
    // Cutout boxes are 0.25 × 10 → 3 pixels (rounded) on each side.
    for (let i = 0; i < 16; i++) {
      const [top, bottom, left, right] = d.cutout!.subarray(i * 4, i * 4 + 4);
      expect([bottom - top, right - left]).toEqual([3, 3]);
    }
  });

  it('repeats for a seed, differs for another', () => {
    expect(drawBatch(everything, 8, 8, 8, 9)).toEqual(drawBatch(everything, 8, 8, 8, 9));
    expect(drawBatch(everything, 8, 8, 8, 9)).not.toEqual(drawBatch(everything, 8, 8, 8, 10));
  });

  it('keeps draws within their ranges', () => {
    const d = drawBatch(everything, 200, 8, 8, 3);
    for (const b of d.brightness!) expect(Math.abs(b)).toBeLessThanOrEqual(0.2 + 1e-6);
    for (const f of d.contrast!) expect(Math.abs(f - 1)).toBeLessThanOrEqual(0.2 + 1e-6);
  });

  it('picks roughly p of the images', () => {
    const half = { ...nothing, flipHorizontal: { p: 0.5 } };
    const flags = drawBatch(half, 2000, 4, 4, 11).flipHorizontal!;
    const share = flags.reduce((a, b) => a + b, 0) / 2000;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
  });

  it("never changes one op's draws when another op's settings change", () => {
    const base = drawBatch(everything, 32, 8, 8, 4);
    const other = drawBatch({ ...everything, rotate: { p: 0.3, degrees: 40 }, noise: { p: 0, std: 0.05 } }, 32, 8, 8, 4);
    expect(other.flipHorizontal).toEqual(base.flipHorizontal);
    expect(other.brightness).toEqual(base.brightness);
    expect(other.cutout).toEqual(base.cutout);
  });
});

describe('mergeDraws', () => {
  const off = Object.fromEntries(['flipHorizontal', 'flipVertical', 'rotate', 'crop', 'translate', 'brightness', 'contrast', 'noise', 'cutout'].map((n) => [n, { p: 0 }]));
  const none = augmentSchema.parse({ ops: off }).ops;
  const ops = augmentSchema.parse({ ops: { ...off, flipHorizontal: { p: 0.5 }, rotate: { p: 0.5 }, brightness: { p: 0.5 }, noise: { p: 0.5 }, cutout: { p: 0.5 } } }).ops;

  it('concatenates the parts, filling identity values where a part drew nothing', () => {
    const [a, b] = [drawBatch(ops, 5, 8, 8, 1), drawBatch(none, 3, 8, 8, 2)];
    const merged = mergeDraws([a, b]);
    expect(merged.size).toBe(8);
    expect(Array.from(merged.flipHorizontal!)).toEqual([...Array.from(a.flipHorizontal!), 0, 0, 0]);
    expect(Array.from(merged.transforms!.subarray(0, 40))).toEqual(Array.from(a.transforms!));
    expect(Array.from(merged.transforms!.subarray(40))).toEqual([0, 1, 2].flatMap(() => [1, 0, 0, 0, 1, 0, 0, 0]));
    expect(Array.from(merged.brightness!.subarray(5))).toEqual([0, 0, 0]);
    expect(merged.contrast).toBeNull();
    expect(Array.from(merged.cutout!.subarray(20))).toEqual(new Array(12).fill(0));
    expect(merged.noise).toEqual({ images: a.noise!.images, std: a.noise!.std });
    expect(merged.noiseCounts).toEqual([a.noise!.images.length, 0]);
  });

  it('renumbers noise images into the merged batch and counts them per part', () => {
    const parts = [drawBatch(ops, 4, 8, 8, 5), drawBatch(ops, 4, 8, 8, 6), drawBatch(ops, 2, 8, 8, 7)];
    const merged = mergeDraws(parts);
    const expected = parts.flatMap((d, k) => (d.noise?.images ?? []).map((i) => i + 4 * k));
    expect(merged.noise?.images ?? []).toEqual(expected);
    expect(merged.noiseCounts).toEqual(parts.map((d) => d.noise?.images.length ?? 0));
    expect(isIdentity(mergeDraws([drawBatch(none, 4, 8, 8, 1), drawBatch(none, 4, 8, 8, 2)]))).toBe(true);
  });
});
