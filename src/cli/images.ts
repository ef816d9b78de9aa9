import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ImageSetBuilder } from '../core/collect/images/assemble.ts';
import { isIgnoredPath, planImageFolder, type ImageEntry } from '../core/collect/images/layout.ts';
import { fromRgba, sniffImageFormat } from '../core/collect/images/pixels.ts';
import { resizePixels, type Pixels } from '../core/collect/images/resize.ts';
import type { ImageLoadProgress } from '../core/collect/images/summary.ts';
import { readZipDirectory } from '../core/collect/images/zip-directory.ts';
import { defaultZipLimits, formatBytes, planZip } from '../core/collect/images/zip-plan.ts';
import type { ImageSet } from '../core/collect/image-set.ts';
import { KilnError } from '../core/errors.ts';
import type { ImageSpec } from '../core/spec/schema.ts';
import { inflateEntry } from '../../workers/collect/images-unzip.ts';

/** Optional progress reports and cancellation for `loadImageFolder`. */
export interface LoadImageFolderOptions {
  onProgress?: (progress: ImageLoadProgress) => void;
  signal?: AbortSignal;
}

/** Where one image's bytes come from, or why they could not be had. */
type Bytes = { bytes: Uint8Array } | { reason: string };

/**
 * Loads a folder with one sub-folder per class (or a .zip of one) in Node, decoding PNG and JPEG
 * with pure-JS decoders and resizing with the same resampler the studio's tests pin down. GIF,
 * WebP and BMP are skipped with a reason; the browser studio reads them.
 *
 * await loadImageFolder('data/shapes', { width: 28, height: 28, channels: 1 })
 * // → { classes: ['circle', 'square', 'triangle'], labels: Int32Array(9), pixels: Uint8Array(7056), skipped: [], … }
 */
export async function loadImageFolder(path: string, image: ImageSpec, options: LoadImageFolderOptions = {}): Promise<ImageSet> {
  const source = basename(path);
  const info = await stat(path).catch(() => {
    throw new KilnError(`image folder not found (looked for ${path})`, { file: source });
  });
  let plan: { classes: string[]; entries: ImageEntry[]; skipped: ImageSet['skipped'] };
  let read: (entry: ImageEntry) => Promise<Bytes>;
  if (info.isDirectory()) {
    plan = planImageFolder(await listFiles(path), source);
    read = async (entry) => ({ bytes: new Uint8Array(await readFile(join(path, entry.path))) });
  } else if (/\.zip$/i.test(path)) {
    if (info.size > defaultZipLimits.maxArchiveBytes) {
      throw new KilnError(`is ${formatBytes(info.size)}, over the ${formatBytes(defaultZipLimits.maxArchiveBytes)} limit per zip`, { file: source });
    }
    const zip = new Uint8Array(await readFile(path));
    const zipPlan = planZip(readZipDirectory(zip, source, defaultZipLimits.maxEntries), source);
    plan = zipPlan;
    read = async (entry) => inflateEntry(zip, zipPlan.zipEntries.get(entry.path)!, source);
  } else {
    throw new KilnError('expected a folder with one sub-folder per class, or a .zip of one', { file: source });
  }

  const builder = new ImageSetBuilder(source, image, plan.classes, plan.entries.length, plan.skipped);
  const total = plan.entries.length;
  for (const [done, entry] of plan.entries.entries()) {
    if (options.signal?.aborted) throw new KilnError('loading cancelled', { file: source });
    const got = await read(entry);
    const decoded = 'bytes' in got ? decodeImage(got.bytes, image.channels) : got;
    if ('reason' in decoded) builder.skip(entry.name, decoded.reason);
    else builder.add(entry.name, entry.classIndex, resizePixels(decoded, image.width, image.height).data);
    options.onProgress?.({ status: 'decode', done: done + 1, total });
  }
  return builder.finish();
}

/** Decodes PNG or JPEG bytes to 1 or 3 channels at their own size, or says why not. */
export function decodeImage(bytes: Uint8Array, channels: 1 | 3): Pixels | { reason: string } {
  const format = sniffImageFormat(bytes.subarray(0, 16));
  try {
    if (format === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return fromRgba(png.data, png.width, png.height, channels);
    }
    if (format === 'jpeg') {
      const jpg = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024, maxResolutionInMP: 200 });
      return fromRgba(jpg.data, jpg.width, jpg.height, channels);
    }
  } catch (e) {
    // The decoders' own words ("read requests waitng on finished stream") mean nothing to a user.
    return { reason: `could not be decoded: the ${format!.toUpperCase()} data is damaged, cut short or too large` };
  }
  if (format) return { reason: `${format.toUpperCase()} is not decoded by the command-line runner; convert it to PNG (the browser studio reads it)` };
  return { reason: 'not a PNG, JPEG, WebP, GIF or BMP file, whatever its name says' };
}

/** Every file below `dir`, as relative paths with `/`, skipping hidden and macOS metadata folders. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isIgnoredPath(rel)) continue;
    if (entry.isDirectory()) for (const file of await listFiles(dir, rel)) out.push(file);
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
