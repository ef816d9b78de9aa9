import { describe, expect, it } from 'vitest';
import { identityTransform, placementTransform } from '../../../src/core/augment/geometry.ts';

/** Where output pixel (x, y) samples the input, under a transform row. */
function sample(row: number[], x: number, y: number): [number, number] {
  return [row[0] * x + row[1] * y + row[2], row[3] * x + row[4] * y + row[5]];
}

describe('placementTransform', () => {
  it('is the exact identity when nothing moves', () => {
    expect(placementTransform({ angle: 0, zoom: 1, shiftX: 0, shiftY: 0 }, 5, 7)).toEqual([...identityTransform]);
  });

  it('turns 90° counter-clockwise: output top-left reads the input top-right', () => {
    const row = placementTransform({ angle: Math.PI / 2, zoom: 1, shiftX: 0, shiftY: 0 }, 4, 4);
    expect(row).toEqual([0, -1, 3, 1, 0, 0, 0, 0]);
    expect(sample(row, 0, 0)).toEqual([3, 0]);
    expect(sample(row, 3, 3)).toEqual([0, 3]);
  });

  it('keeps the centre fixed under rotation and zoom, and moves it by the shift', () => {
    const row = placementTransform({ angle: 0.3, zoom: 0.8, shiftX: 2, shiftY: -1 }, 9, 11);
    const [x, y] = sample(row, 5, 4);
    expect(x).toBeCloseTo(7, 12);
    expect(y).toBeCloseTo(3, 12);
  });

  it('zooms in: a zoom of 0.5 samples half the distance from the centre', () => {
    const row = placementTransform({ angle: 0, zoom: 0.5, shiftX: 0, shiftY: 0 }, 9, 9);
    expect(sample(row, 0, 0)).toEqual([2, 2]);
    expect(sample(row, 8, 8)).toEqual([6, 6]);
  });
});
