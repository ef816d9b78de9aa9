import { describe, expect, it } from 'vitest';
import { isIgnoredPath, isImagePath, planImageFolder } from '../../../../src/core/collect/images/layout.ts';

describe('planImageFolder', () => {
  it('sorts classes by code point and images by class then path', () => {
    const plan = planImageFolder(['b/2.png', 'a/9.jpg', 'B/1.png', 'a/10.JPEG', 'b/1.webp'], 'x');
    expect(plan.classes).toEqual(['B', 'a', 'b']); // as Python's sorted(): capitals first
    expect(plan.entries.map((e) => [e.name, e.classIndex])).toEqual([
      ['B/1.png', 0],
      ['a/10.JPEG', 1],
      ['a/9.jpg', 1],
      ['b/1.webp', 2],
      ['b/2.png', 2],
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('removes wrapper folders every image shares, and keeps deeper folders in the name', () => {
    const plan = planImageFolder(['data/train/cat/x/1.png', 'data/train/cat/2.png', 'data/train/dog/1.gif'], 'data.zip');
    expect(plan.classes).toEqual(['cat', 'dog']);
    expect(plan.entries.map((e) => e.name)).toEqual(['cat/2.png', 'cat/x/1.png', 'dog/1.gif']);
    expect(plan.entries[1].path).toBe('data/train/cat/x/1.png');
  });

  it('accepts Windows separators', () => {
    expect(planImageFolder(['a\\1.png', 'b\\1.png'], 'x').entries.map((e) => e.name)).toEqual(['a/1.png', 'b/1.png']);
  });

  it('ignores macOS metadata, dotfiles and folder entries; lists other files as skipped', () => {
    const plan = planImageFolder(
      ['s/', 's/a/', 's/a/1.png', 's/.DS_Store', '__MACOSX/s/a/._1.png', 's/b/1.png', 's/b/notes.txt', 's/b/.hidden.png', 's/Thumbs.db'],
      'x',
    );
    expect(plan.entries.map((e) => e.name)).toEqual(['a/1.png', 'b/1.png']);
    expect(plan.skipped).toEqual([{ name: 'b/notes.txt', reason: expect.stringContaining('not an image') }]);
  });

  it('skips stray images beside the class folders', () => {
    const plan = planImageFolder(['a/1.png', 'b/1.png', 'loose.png'], 'x');
    expect(plan.skipped).toEqual([{ name: 'loose.png', reason: 'not inside a class folder' }]);
  });

  it('explains the layout when every image is at the top level', () => {
    expect(() => planImageFolder(['1.png', '2.png', 'readme.md'], 'flat.zip')).toThrow(
      /flat\.zip: all 2 images sit directly in the top folder.*own sub-folder, e\.g\. shapes\/circle\/1\.png/,
    );
    // One wrapper folder around loose images reads as a single class, with the same advice.
    expect(() => planImageFolder(['pics/1.png', 'pics/2.png'], 'pics')).toThrow(/only one class folder, 'pics' \(2 images\); a classifier needs at least two/);
  });

  it('refuses a single class', () => {
    expect(() => planImageFolder(['root/cat/1.png', 'root/cat/2.png'], 'root')).toThrow(/only one class folder, 'cat'/);
  });

  it('says so when there is no image at all', () => {
    expect(() => planImageFolder(['a/notes.txt', '.DS_Store'], 'x')).toThrow(/x: no images found/);
  });
});

describe('path helpers', () => {
  it('knows image extensions case-insensitively', () => {
    expect(['a.PNG', 'b.jpeg', 'c.gif', 'd.webp', 'e.bmp'].every(isImagePath)).toBe(true);
    expect(['a.txt', 'png', 'a.png.zip'].some(isImagePath)).toBe(false);
  });
  it('ignores hidden and metadata paths', () => {
    expect(['__MACOSX/a/1.png', 'a/.git/x.png', '.DS_Store', 'a/desktop.ini'].every(isIgnoredPath)).toBe(true);
    expect(isIgnoredPath('a/1.png')).toBe(false);
  });
});
