import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadImageFolder } from '../../../../src/cli/images.ts';
import { summarizeImageSet } from '../../../../src/core/collect/images/summary.ts';
import type { ImageLoadProgress } from '../../../../src/core/collect/images/summary.ts';

const shapes = fileURLToPath(new URL('../../../fixtures/images/shapes', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../fixtures/images', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kiln-images-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadImageFolder (Node)', () => {
  it('loads 3 classes × 3 images, grey, resized, in sorted order', async () => {
    const events: ImageLoadProgress[] = [];
    const set = await loadImageFolder(shapes, { width: 8, height: 8, channels: 1 }, { onProgress: (p) => events.push(p) });
    expect(set.source).toBe('shapes');
    expect(set.classes).toEqual(['circle', 'square', 'triangle']);
    expect(Array.from(set.labels)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(set.names).toEqual(['circle/1.png', 'circle/2.png', 'circle/3.png', 'square/1.png', 'square/2.png', 'square/3.png', 'triangle/1.png', 'triangle/2.png', 'triangle/3.jpg']);
    expect(set.pixels.length).toBe(9 * 64);
    expect(set.skipped).toEqual([]);
    expect(events.at(-1)).toEqual({ status: 'decode', done: 9, total: 9 });
    // Corners are white background; the centre is a shape, darker than white.
    const first = set.pixels.subarray(0, 64);
    expect(first[0]).toBe(255);
    expect(first[4 * 8 + 4]).toBeLessThan(150);
  });

  it('keeps colour at the source size exactly (16×16 RGB PNG)', async () => {
    const set = await loadImageFolder(shapes, { width: 16, height: 16, channels: 3 });
    const centre = (8 * 16 + 8) * 3;
    expect(Array.from(set.pixels.subarray(centre, centre + 3))).toEqual([200, 40, 40]); // circle/1.png's red
    const summary = summarizeImageSet(set, 2);
    expect(summary.counts).toEqual([3, 3, 3]);
    expect(summary.samples.map((s) => s.name)).toEqual(['circle/1.png', 'circle/2.png', 'square/1.png', 'square/2.png', 'triangle/1.png', 'triangle/2.png']);
    expect(summary.samplePixels.length).toBe(6 * 16 * 16 * 3);
  });

  it('skips a corrupt image, text files and GIFs with reasons, and ignores dotfiles', async () => {
    const dir = join(scratch, 'mixed');
    cpSync(shapes, dir, { recursive: true });
    writeFileSync(join(dir, 'circle', 'broken.png'), 'not a png at all');
    writeFileSync(join(dir, 'circle', 'fake.png'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3));
    writeFileSync(join(dir, 'square', 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'square', 'anim.gif'), 'GIF89a....');
    writeFileSync(join(dir, '.DS_Store'), 'x');
    const set = await loadImageFolder(dir, { width: 8, height: 8, channels: 1 });
    expect(set.labels.length).toBe(9);
    expect(set.skipped.map((s) => s.name).sort()).toEqual(['circle/broken.png', 'circle/fake.png', 'square/anim.gif', 'square/notes.txt']);
    expect(set.skipped.find((s) => s.name === 'circle/broken.png')!.reason).toMatch(/not a PNG, JPEG/);
    expect(set.skipped.find((s) => s.name === 'circle/fake.png')!.reason).toMatch(/could not be decoded/);
    expect(set.skipped.find((s) => s.name === 'square/anim.gif')!.reason).toMatch(/GIF is not decoded by the command-line runner/);
  });

  it('fails readably when no image of a class decodes, or the folder is missing', async () => {
    const dir = join(scratch, 'broken');
    cpSync(join(shapes, 'circle'), join(dir, 'circle'), { recursive: true });
    writeFileSync(join(dir, 'broken.png'), 'x'); // top level: skipped
    cpSync(join(shapes, 'circle'), join(dir, 'dud'), { recursive: true });
    for (const n of ['1', '2', '3']) writeFileSync(join(dir, 'dud', `${n}.png`), 'garbage');
    await expect(loadImageFolder(dir, { width: 8, height: 8, channels: 1 })).rejects.toThrow(/broken: only class 'circle' has readable images/);
    await expect(loadImageFolder(join(scratch, 'nope'), { width: 8, height: 8, channels: 1 })).rejects.toThrow(/nope: image folder not found/);
  });

  it('reads a .zip of the folder too, and refuses the hostile fixtures', async () => {
    const zip = join(scratch, 'shapes.zip');
    const files: Record<string, Uint8Array> = {};
    for (const c of ['circle', 'square']) for (const n of ['1', '2']) files[`shapes/${c}/${n}.png`] = new Uint8Array(readFileSync(join(shapes, c, `${n}.png`)));
    writeFileSync(zip, zipSync({ ...files, '__MACOSX/shapes/._x': new Uint8Array(1) }));
    const set = await loadImageFolder(zip, { width: 8, height: 8, channels: 3 });
    expect(set.classes).toEqual(['circle', 'square']);
    expect(set.labels.length).toBe(4);
    await expect(loadImageFolder(join(fixtures, 'bomb.zip'), { width: 8, height: 8, channels: 1 })).rejects.toThrow(/over the 32 MB limit per file/);
    await expect(loadImageFolder(join(fixtures, 'liar.zip'), { width: 8, height: 8, channels: 1 })).rejects.toThrow(/unpacks to more than the 1 KB/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadImageFolder(shapes, { width: 8, height: 8, channels: 1 }, { signal: controller.signal })).rejects.toThrow(/loading cancelled/);
  });
});
