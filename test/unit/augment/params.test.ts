import { describe, expect, it } from 'vitest';
import { deriveSeed, drawBatch, isIdentity } from '../../../src/core/augment/params.ts';
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
