import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRgba, sniffImageFormat, toRgba } from '../../../../src/core/collect/images/pixels.ts';
import { resizePixels } from '../../../../src/core/collect/images/resize.ts';

const grey = (width: number, height: number, values: number[]) => ({ data: Uint8Array.from(values), width, height, channels: 1 });

describe('resizePixels', () => {
  it('averages 2×2 to 1×1, per channel', () => {
    expect(Array.from(resizePixels(grey(2, 2, [0, 10, 20, 30]), 1, 1).data)).toEqual([15]);
    const rgb = { data: Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255), width: 2, height: 2, channels: 3 };
    expect(Array.from(resizePixels(rgb, 1, 1).data)).toEqual([128, 128, 128]);
  });

  it('averages 4×2 to 2×1 by area, and 3×1 to 2×1 with fractional coverage', () => {
    expect(Array.from(resizePixels(grey(4, 2, [0, 4, 8, 12, 4, 8, 12, 16]), 2, 1).data)).toEqual([4, 12]);
    // Output pixel 0 covers input 0 and half of input 1: (0·1 + 30·0.5) / 1.5 = 10.
    expect(Array.from(resizePixels(grey(3, 1, [0, 30, 90]), 2, 1).data)).toEqual([10, 70]);
  });

  it('interpolates bilinearly when enlarging, with pixel centres aligned', () => {
    expect(Array.from(resizePixels(grey(2, 1, [0, 100]), 4, 1).data)).toEqual([0, 25, 75, 100]);
    expect(Array.from(resizePixels(grey(1, 1, [42]), 3, 2).data)).toEqual([42, 42, 42, 42, 42, 42]);
  });

  it('is an exact copy at the same size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, 3), fc.integer(), (w, h, c, seed) => {
        const data = Uint8Array.from({ length: w * h * c }, (_, i) => (i * 31 + seed) & 255);
        const out = resizePixels({ data, width: w, height: h, channels: c }, w, h);
        expect(out.data).toEqual(data);
        expect(out.data).not.toBe(data);
      }),
    );
  });

  it('keeps a flat image flat and stays within the input range, at any size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.uint8Array({ minLength: 144, maxLength: 144 }),
        (w, h, ow, oh, noise) => {
          const flat = resizePixels(grey(w, h, Array(w * h).fill(77)), ow, oh);
          expect(flat.data.every((v) => v === 77)).toBe(true);
          const src = grey(w, h, Array.from(noise.subarray(0, w * h)));
          const out = resizePixels(src, ow, oh);
          expect(out.data.length).toBe(ow * oh);
          expect(Math.min(...out.data)).toBeGreaterThanOrEqual(Math.min(...src.data));
          expect(Math.max(...out.data)).toBeLessThanOrEqual(Math.max(...src.data));
        },
      ),
    );
  });
});

describe('fromRgba and toRgba', () => {
  it('converts to grey with ITU-R 601 weights and lays transparency on white', () => {
    const rgba = Uint8Array.of(255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0);
    expect(Array.from(fromRgba(rgba, 4, 1, 1).data)).toEqual([76, 150, 29, 255]);
    expect(Array.from(fromRgba(Uint8Array.of(0, 0, 0, 128), 1, 1, 3).data)).toEqual([127, 127, 127]);
  });

  it('round-trips RGB through RGBA', () => {
    const rgb = Uint8Array.of(1, 2, 3, 4, 5, 6);
    expect(Array.from(toRgba(rgb, 2, 1, 3))).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
    expect(Array.from(toRgba(Uint8Array.of(9), 1, 1, 1))).toEqual([9, 9, 9, 255]);
    expect(fromRgba(toRgba(rgb, 2, 1, 3), 2, 1, 3).data).toEqual(rgb);
  });

  it('sniffs formats from their first bytes', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(sniffImageFormat(Uint8Array.of(0x89, 0x50, 0x4e, 0x47))).toBe('png');
    expect(sniffImageFormat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffImageFormat(ascii('GIF89a'))).toBe('gif');
    expect(sniffImageFormat(ascii('RIFF\0\0\0\0WEBP'))).toBe('webp');
    expect(sniffImageFormat(ascii('hello'))).toBeNull();
  });
});
