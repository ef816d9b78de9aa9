import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../../../src/core/collect/image-set.ts';
import { challengerSplit } from '../../../src/core/monitor/challenger-data.ts';
import { appendImages } from '../../../src/core/monitor/challenger-images.ts';

/** Four 1×2 grey images of classes a, b, a, b; pixel values tell the images apart. */
const base: ImageSet = {
  source: 'train',
  width: 2,
  height: 1,
  channels: 1,
  classes: ['a', 'c'],
  labels: Int32Array.of(0, 1, 0, 1),
  pixels: Uint8Array.of(1, 1, 2, 2, 3, 3, 4, 4),
  names: ['a/1.png', 'c/1.png', 'a/2.png', 'c/2.png'],
  skipped: [],
  warnings: [],
};

describe('appendImages', () => {
  const batch = { source: 'may.zip', names: ['b/1.png', 'x.png', 'a/9.png'], labels: ['b', null, 'a'], pixels: Uint8Array.of(7, 7, 8, 8, 9, 9) };

  it('keeps the champion images at their indices and appends the labelled batch images, adding a new class in sorted order', () => {
    const { set, added } = appendImages(base, batch);
    expect(set.classes).toEqual(['a', 'b', 'c']);
    expect(Array.from(set.labels)).toEqual([0, 2, 0, 2, 1, 0]);
    expect(Array.from(set.pixels)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 7, 7, 9, 9]);
    expect(set.names).toEqual(['a/1.png', 'c/1.png', 'a/2.png', 'c/2.png', 'may.zip/b/1.png', 'may.zip/a/9.png']);
    expect(added).toEqual([4, 5]);
    // Each image keeps its class name through the renumbering.
    expect(Array.from(set.labels, (l) => set.classes[l])).toEqual(['a', 'c', 'a', 'c', 'b', 'a']);
    expect(base.classes).toEqual(['a', 'c']); // the champion's set is not touched
  });

  it("gives a challenger split that tests on the champion's test images", () => {
    const { added } = appendImages(base, batch);
    const split = challengerSplit({ train: [0, 1], validation: [2], test: [3] }, added, 'replace', { train: 0.5, validation: 0.5 }, 1);
    expect(split.test).toEqual([3]);
    expect([...split.train, ...split.validation].sort()).toEqual([4, 5]);
  });

  it('refuses pixels that do not fit the names (a bug, not user input)', () => {
    expect(() => appendImages(base, { ...batch, pixels: Uint8Array.of(1) })).toThrow('may.zip: 1 bytes for 3 images of 2 bytes');
  });
});
