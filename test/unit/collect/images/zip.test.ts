import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZipDirectory } from '../../../../src/core/collect/images/zip-directory.ts';
import { defaultZipLimits, formatBytes, planZip } from '../../../../src/core/collect/images/zip-plan.ts';
import { inflateEntry } from '../../../../workers/collect/images-unzip.ts';
import { craftZip } from '../../../fixtures/images/craft-zip.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/images/${name}`, import.meta.url)));
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe('readZipDirectory', () => {
  it('lists what fflate wrote, with sizes, without inflating', () => {
    const zip = zipSync({ 'shapes/a/1.png': bytes(300), 'shapes/b/1.png': [bytes(10), { level: 0 }] });
    const entries = readZipDirectory(zip, 'shapes.zip');
    expect(entries.map((e) => [e.name, e.method, e.originalSize])).toEqual([
      ['shapes/a/1.png', 8, 300],
      ['shapes/b/1.png', 0, 10],
    ]);
  });

  it('refuses a file that is not a zip, and too many entries', () => {
    expect(() => readZipDirectory(bytes(100), 'x.zip')).toThrow(/x\.zip: not a readable zip file/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`a/${i}.png`, bytes(1)])));
    expect(() => readZipDirectory(many, 'many.zip', 4)).toThrow(/many\.zip: holds 5 entries, over the limit of 4 entries per zip/);
  });
});

describe('planZip', () => {
  it('refuses declared sizes over the per-file limit from the directory alone', () => {
    const message = /bomb\.zip: 'a\/1\.png' claims to unpack to 4\.0 GB, over the 32 MB limit per file\. Kiln refuses/;
    expect(() => planZip(readZipDirectory(fixture('bomb.zip'), 'bomb.zip'), 'bomb.zip')).toThrow(message);
    // Stored "compressed" bytes that are not deflate at all: inflating them would fail differently.
    const garbage = craftZip([
      { name: 'bomb/a/1.png', data: bytes(8, 0xff), method: 0, declaredSize: 0xfffffffe },
      { name: 'bomb/b/1.png', data: bytes(8, 0xff), method: 0, declaredSize: 0xfffffffe },
    ]);
    expect(() => planZip(readZipDirectory(garbage, 'bomb.zip'), 'bomb.zip')).toThrow(message);
  });

  it('refuses a total over the per-zip limit, naming it', () => {
    const zip = craftZip(Array.from({ length: 20 }, (_, i) => ({ name: `s/${i % 2 ? 'a' : 'b'}/${i}.png`, data: bytes(4), declaredSize: 30 * 1024 * 1024 })));
    expect(() => planZip(readZipDirectory(zip, 'big.zip'), 'big.zip')).toThrow(/claim to unpack to 600 MB in all, over the 512 MB limit per zip/);
  });

  it('does not count entries it will not inflate, and skips encrypted or unknown methods', () => {
    const zip = craftZip([
      { name: 'a/1.png', data: bytes(4) },
      { name: 'b/1.png', data: bytes(4) },
      { name: 'b/movie.mp4', data: bytes(4), declaredSize: 0xfffffffe },
    ]);
    const entries = readZipDirectory(zip, 'ok.zip');
    entries[1].encrypted = true;
    const plan = planZip(entries, 'ok.zip');
    expect(plan.entries.map((e) => e.name)).toEqual(['a/1.png']);
    expect(plan.skipped.map((s) => s.name).sort()).toEqual(['b/1.png', 'b/movie.mp4']);
  });

  it('formats sizes for people', () => {
    expect([formatBytes(512), formatBytes(defaultZipLimits.maxEntryBytes), formatBytes(3 * 2 ** 30)]).toEqual(['1 KB', '32 MB', '3.0 GB']);
  });
});

describe('inflateEntry', () => {
  it('unpacks an honest zip, stored or deflated, byte for byte', () => {
    const a = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 251);
    const zip = zipSync({ 'x/a/1.png': a, 'x/b/1.png': [bytes(9), { level: 0 }] });
    const entries = readZipDirectory(zip, 'ok.zip');
    const got = inflateEntry(zip, entries[0], 'ok.zip');
    expect('bytes' in got && Buffer.from(got.bytes).equals(Buffer.from(a))).toBe(true); // toEqual walks 70,000 bytes slowly
    expect(inflateEntry(zip, entries[1], 'ok.zip')).toEqual({ bytes: bytes(9) });
  });

  it('stops inflating at the declared size when the directory lies, refusing the zip', () => {
    const zip = fixture('liar.zip'); // declares 1 KB, holds 8 MB of zeros
    const [entry] = readZipDirectory(zip, 'liar.zip');
    expect(planZip(readZipDirectory(zip, 'liar.zip'), 'liar.zip').entries).toHaveLength(2); // the directory looks harmless
    expect(() => inflateEntry(zip, entry, 'liar.zip')).toThrow(/liar\.zip: 'liar\/a\/1\.png' unpacks to more than the 1 KB its zip directory declares/);
  });

  it('reports a damaged entry as a reason to skip it, not an error', () => {
    const zip = craftZip([{ name: 'a/1.png', data: bytes(100) }]);
    const [entry] = readZipDirectory(zip, 'bad.zip');
    const start = 30 + 'a/1.png'.length;
    zip.fill(0xff, start, start + 4); // garble the deflate stream
    expect(inflateEntry(zip, entry, 'bad.zip')).toEqual({ reason: expect.stringMatching(/^damaged in the zip/) });
    const short = readZipDirectory(craftZip([{ name: 'a/1.png', data: bytes(100), declaredSize: 200 }]), 's.zip')[0];
    expect(inflateEntry(craftZip([{ name: 'a/1.png', data: bytes(100), declaredSize: 200 }]), short, 's.zip')).toEqual({
      reason: 'damaged in the zip (unpacked 100 of 200 bytes)',
    });
  });
});
