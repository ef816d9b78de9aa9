import { describe, expect, it } from 'vitest';
import type { ZipEntry } from '../../../../src/core/collect/images/zip-directory.ts';
import { imageOutputHeader, imageOutputRow, listImages, zipEntryProblem } from '../../../../src/core/deploy/predict/image-rows.ts';

const entry = (patch: Partial<ZipEntry>): ZipEntry => ({ name: 'a.png', method: 8, encrypted: false, compressedSize: 10, originalSize: 100, localHeaderOffset: 0, ...patch });

describe('image batch rows', () => {
  it('lists image files at any depth, sorted by code point, passing over metadata and other files', () => {
    const got = listImages(['b/2.png', 'B.JPG', 'a.jpg', 'notes.txt', '__MACOSX/._a.jpg', '.DS_Store', 'shapes/', 'b/10.png'], 'new.zip');
    expect(got).toEqual({ paths: ['B.JPG', 'a.jpg', 'b/10.png', 'b/2.png'], ignored: 1 });
  });

  it('refuses an input with no images, naming it', () => {
    expect(() => listImages(['notes.txt'], 'docs')).toThrow('docs: no images found (looked for png, jpg, jpeg, webp, gif, bmp files)');
  });

  it('gives a reason for zip entries it cannot read, and none for good ones', () => {
    expect(zipEntryProblem(entry({}))).toBeNull();
    expect(zipEntryProblem(entry({ method: 0 }))).toBeNull();
    expect(zipEntryProblem(entry({ encrypted: true }))).toMatch(/^encrypted/);
    expect(zipEntryProblem(entry({ method: 12 }))).toBe('packed with zip method 12; Kiln reads only stored and deflated entries');
    expect(zipEntryProblem(entry({ originalSize: 4 * 1024 ** 3 }))).toBe('claims to unpack to 4.0 GB, over the 32 MB limit per file; not unpacked');
  });

  it('writes path, prediction, p_<class> and error; an error row has empty prediction cells', () => {
    expect(imageOutputHeader(['circle', 'path'])).toEqual(['path', 'prediction', 'p_circle', 'p_path', 'error']);
    expect(imageOutputRow('x/1.png', { prediction: 'circle', probabilities: [0.1234567, 0.8765433] }, ['circle', 'square'], null)).toEqual(['x/1.png', 'circle', '0.123457', '0.876543', '']);
    expect(imageOutputRow('bad.png', null, ['circle', 'square'], 'damaged')).toEqual(['bad.png', '', '', '', 'damaged']);
  });
});
