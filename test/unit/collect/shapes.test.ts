import { describe, expect, it } from 'vitest';
import { imageCount, imageSize } from '../../../src/core/collect/image-set.ts';
import { generateShapes, rasterise, shapeVertices, type Shape } from '../../../src/core/collect/images/shapes.ts';

const white: Shape['fg'] = [255, 255, 255];
const black: Shape['bg'] = [0, 0, 0];
const flat = { angle: 0, amount: 0 };
const grey16 = { width: 32, height: 32, channels: 1 as const, supersample: 4 };

/** Covered pixels: the sum of a white-on-black greyscale rendering over 255. */
const area = (pixels: Uint8Array) => pixels.reduce((s, v) => s + v, 0) / 255;

describe('generateShapes', () => {
  it('defaults to 100 per class of 32×32 RGB, grouped by class with folder-like names', () => {
    const set = generateShapes();
    expect(set.classes).toEqual(['circle', 'square', 'triangle']);
    expect([set.width, set.height, set.channels]).toEqual([32, 32, 3]);
    expect(imageCount(set)).toBe(300);
    expect(set.pixels.length).toBe(300 * imageSize(set));
    expect(Array.from(set.labels.subarray(98, 102))).toEqual([0, 0, 1, 1]);
    expect(set.names[0]).toBe('circle/0000.png');
    expect(set.names[299]).toBe('triangle/0099.png');
    expect(set.source).toBe('shapes');
    expect(set.skipped).toEqual([]);
  });

  it('gives the same bytes for the same seed and different bytes for another', () => {
    const a = generateShapes({ perClass: 5, width: 16, height: 16, seed: 7 });
    const b = generateShapes({ perClass: 5, width: 16, height: 16, seed: 7 });
    const c = generateShapes({ perClass: 5, width: 16, height: 16, seed: 8 });
    expect(b.pixels).toEqual(a.pixels);
    expect(c.pixels).not.toEqual(a.pixels);
  });

  it('draws image k of a class the same whatever perClass is', () => {
    const few = generateShapes({ perClass: 2, width: 12, height: 12, channels: 1 });
    const many = generateShapes({ perClass: 9, width: 12, height: 12, channels: 1 });
    const size = 12 * 12;
    expect(many.pixels.subarray(9 * size, 10 * size)).toEqual(few.pixels.subarray(2 * size, 3 * size)); // square 0
  });

  it('varies position, so a fixed pixel is not the same in every image', () => {
    const set = generateShapes({ perClass: 30, width: 16, height: 16, channels: 1 });
    const centre = Array.from({ length: 90 }, (_, k) => set.pixels[k * 256 + 8 * 16 + 8]);
    expect(new Set(centre).size).toBeGreaterThan(20);
  });

  it('rejects sizes it cannot draw', () => {
    expect(() => generateShapes({ width: 4 })).toThrow(/at least 8×8/);
    expect(() => generateShapes({ perClass: 0 })).toThrow(/perClass/);
  });
});

describe('rasterise', () => {
  const base = { cx: 16, cy: 16, rotation: 0, fg: white, bg: black, gradient: flat };

  it('fills π r² pixels for a circle, within anti-aliasing error', () => {
    for (const r of [4, 6.3, 9]) {
      const pixels = rasterise({ ...base, kind: 'circle', r, cx: 15.7, cy: 16.2 }, grey16);
      expect(Math.abs(area(pixels) - Math.PI * r * r) / (Math.PI * r * r)).toBeLessThan(0.02);
    }
  });

  it('gives every class the same area, so size never tells them apart', () => {
    for (const kind of ['circle', 'square', 'triangle'] as const) {
      const pixels = rasterise({ ...base, kind, r: 6, rotation: 0.4 }, grey16);
      expect(area(pixels)).toBeCloseTo(Math.PI * 36, -0.5); // within ±1.6 pixels
    }
  });

  it('draws an unrotated square with straight, half-covered edges', () => {
    const r = 7.5 / (Math.sqrt(Math.PI) / 2); // half-side 7.5 → edges at 8.5 and 23.5
    const pixels = rasterise({ ...base, kind: 'square', r }, grey16);
    const row = (y: number) => Array.from(pixels.subarray(y * 32, y * 32 + 32));
    const expected = [...Array(8).fill(0), 128, ...Array(14).fill(255), 128, ...Array(8).fill(0)];
    for (let y = 9; y <= 22; y++) expect(row(y)).toEqual(expected);
    expect(row(8)).toEqual(expected.map((v) => (v === 255 ? 128 : v === 128 ? 64 : 0)));
    expect(row(3)).toEqual(Array(32).fill(0));
  });

  it('turns a square into a diamond at 45°', () => {
    const [first] = shapeVertices({ kind: 'square', cx: 0, cy: 0, r: 1, rotation: Math.PI / 4 });
    expect(first[0]).toBeCloseTo(0, 12);
    const diamond = rasterise({ ...base, kind: 'square', r: 8, rotation: Math.PI / 4 }, grey16);
    const unrotated = rasterise({ ...base, kind: 'square', r: 8 }, grey16);
    for (const pixels of [diamond, unrotated]) expect(Math.abs(area(pixels) / (Math.PI * 64) - 1)).toBeLessThan(0.03);
    expect(diamond[16 * 32 + 16]).toBe(255); // centre
    expect(diamond[(16 - 6) * 32 + (16 - 6)]).toBe(0); // where the unrotated square has a corner
    expect(unrotated[(16 - 6) * 32 + (16 - 6)]).toBe(255);
  });

  it('keeps a triangle pointing up at rotation 0: wider at the bottom than the top', () => {
    const pixels = rasterise({ ...base, kind: 'triangle', r: 7 }, grey16);
    const width = (y: number) => area(pixels.subarray(y * 32, y * 32 + 32));
    expect(width(20)).toBeGreaterThan(2 * width(10));
  });

  it('writes RGB as three bytes per pixel in HWC order', () => {
    const pixels = rasterise({ ...base, kind: 'circle', r: 5, fg: [200, 100, 50], bg: [10, 20, 30] }, { ...grey16, channels: 3 });
    const at = (x: number, y: number) => Array.from(pixels.subarray((y * 32 + x) * 3, (y * 32 + x) * 3 + 3));
    expect(at(16, 16)).toEqual([200, 100, 50]);
    expect(at(0, 0)).toEqual([10, 20, 30]);
  });
});
