import { describe, expect, it } from 'vitest';
import { ImageSetBuilder } from '../../../../src/core/collect/images/assemble.ts';
import { summarizeImageSet } from '../../../../src/core/collect/images/summary.ts';

const image = { width: 2, height: 1, channels: 1 as const };
const px = (v: number) => Uint8Array.of(v, v);

describe('ImageSetBuilder', () => {
  it('packs images in order, drops classes left empty and warns about small or unbalanced ones', () => {
    const b = new ImageSetBuilder('s', image, ['a', 'b', 'c'], 40, [{ name: 'x.txt', reason: 'not an image' }]);
    for (let i = 0; i < 30; i++) b.add(`a/${i}.png`, 0, px(i));
    b.add('c/0.png', 2, px(200));
    b.skip('b/0.png', 'could not be decoded');
    const set = b.finish();
    expect(set.classes).toEqual(['a', 'c']);
    expect(Array.from(set.labels.slice(-2))).toEqual([0, 1]);
    expect(set.pixels.length).toBe(31 * 2);
    expect(Array.from(set.pixels.slice(-4))).toEqual([29, 29, 200, 200]);
    expect(set.skipped.map((s) => s.name)).toEqual(['x.txt', 'b/0.png']);
    expect(set.warnings).toEqual(["Class 'b' has no readable image and was left out.", "Few images in 'c' (1): a few dozen per class is a sensible minimum."]);
  });

  it('warns about imbalance when every class has enough images', () => {
    const b = new ImageSetBuilder('s', image, ['a', 'b'], 60);
    for (let i = 0; i < 54; i++) b.add(`a/${i}`, 0, px(1));
    for (let i = 0; i < 6; i++) b.add(`b/${i}`, 1, px(2));
    expect(b.finish().warnings).toEqual(['The classes are unbalanced (6 to 54 images); accuracy alone will flatter the model.']);
  });

  it('fails readably with nothing readable, or one class left', () => {
    const none = new ImageSetBuilder('s', image, ['a', 'b'], 2);
    none.skip('a/1.png', 'broken');
    expect(() => none.finish()).toThrow("s: none of the images could be read (1 skipped, e.g. a/1.png: broken; see the list for why)");
    const one = new ImageSetBuilder('s', image, ['a', 'b'], 2);
    one.add('a/1.png', 0, px(1));
    expect(() => one.finish()).toThrow("s: only class 'a' has readable images; a classifier needs at least two classes");
  });

  it('refuses sets too big for memory, suggesting what to change', () => {
    expect(() => new ImageSetBuilder('big', { width: 256, height: 256, channels: 3 }, ['a', 'b'], 6000)).toThrow(
      /big: 6000 images at 256×256×3 need 1\.1 GB of memory, over the 1\.0 GB limit; choose a smaller input size or fewer images/,
    );
  });
});

describe('summarizeImageSet', () => {
  it('spreads samples evenly over each class and packs their pixels', () => {
    const b = new ImageSetBuilder('s', image, ['a', 'b'], 12);
    for (let i = 0; i < 10; i++) b.add(`a/${i}`, 0, px(i));
    b.add('b/0', 1, px(100));
    b.add('b/1', 1, px(101));
    const summary = summarizeImageSet(b.finish(), 4);
    expect(summary.counts).toEqual([10, 2]);
    expect(summary.total).toBe(12);
    expect(summary.samples.map((s) => s.name)).toEqual(['a/0', 'a/2', 'a/5', 'a/7', 'b/0', 'b/1']);
    expect(Array.from(summary.samplePixels)).toEqual([0, 0, 2, 2, 5, 5, 7, 7, 100, 100, 101, 101]);
  });
});
