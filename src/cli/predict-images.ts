import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isImagePath } from '../core/collect/images/layout.ts';
import { resizePixels } from '../core/collect/images/resize.ts';
import { readZipDirectory } from '../core/collect/images/zip-directory.ts';
import { defaultZipLimits, formatBytes } from '../core/collect/images/zip-plan.ts';
import { imageBatchSize, listImages, zipEntryProblem } from '../core/deploy/predict/image-rows.ts';
import { KilnError } from '../core/errors.ts';
import type { BatchCounts, BatchSink } from '../../workers/deploy/batch.ts';
import { predictImages, type DecodedImage, type ImageDecoder } from '../../workers/deploy/image-batch.ts';
import type { Predictor } from '../../workers/deploy/predictor.ts';
import { inflateEntry } from '../../workers/collect/images-unzip.ts';
import { decodeImage, listFiles } from './images.ts';

/** A folder or zip of images opened for prediction: its image paths, and how to read one. */
export interface ImageInput {
  source: string;
  paths: string[];
  /** Non-image files passed over. */
  ignored: number;
  read(path: string): Promise<{ bytes: Uint8Array } | { reason: string }>;
}

/**
 * Lists the images of a folder (any depth; class folders optional) or a .zip, or takes one image file. A zip is read
 * whole, within the same limits as `kiln run`; its entries are inflated one at a time.
 *
 * await openImageInput('new-shapes') // → { source: 'new-shapes', paths: ['circle/1.png', …], ignored: 0, read }
 */
export async function openImageInput(path: string): Promise<ImageInput> {
  const source = basename(path);
  const info = await stat(path).catch(() => null);
  if (!info) throw new KilnError(`input not found (looked for ${path})`, { file: source });
  if (info.isDirectory()) {
    const { paths, ignored } = listImages(await listFiles(path), source);
    return { source, paths, ignored, read: async (p) => ({ bytes: new Uint8Array(await readFile(join(path, p))) }) };
  }
  if (isImagePath(path)) return { source, paths: [source], ignored: 0, read: async () => ({ bytes: new Uint8Array(await readFile(path)) }) };
  if (!/\.zip$/i.test(path)) throw new KilnError('this is an image model; give it a folder of images, a .zip of them or one image file', { file: source });
  if (info.size > defaultZipLimits.maxArchiveBytes) {
    throw new KilnError(`is ${formatBytes(info.size)}, over the ${formatBytes(defaultZipLimits.maxArchiveBytes)} limit per zip`, { file: source });
  }
  const zip = new Uint8Array(await readFile(path));
  const entries = new Map(readZipDirectory(zip, source, defaultZipLimits.maxEntries).map((e) => [e.name, e]));
  const { paths, ignored } = listImages([...entries.keys()], source);
  const read = async (p: string) => {
    const entry = entries.get(p)!;
    const problem = zipEntryProblem(entry);
    return problem ? { reason: problem } : inflateEntry(zip, entry, source);
  };
  return { source, paths, ignored, read };
}

/** Decodes as `kiln run` does (pngjs / jpeg-js, then Kiln's resampler), so training and prediction see the same pixels. */
export function nodeImageDecoder(input: ImageInput, image: { width: number; height: number; channels: 1 | 3 }): ImageDecoder {
  return async (paths) => {
    const out: DecodedImage[] = [];
    for (const path of paths) {
      const got = await input.read(path);
      const decoded = 'bytes' in got ? decodeImage(got.bytes, image.channels) : got;
      out.push('reason' in decoded ? decoded : resizePixels(decoded, image.width, image.height).data);
    }
    return out;
  };
}

/**
 * `kiln predict` for an image model: every image of a folder or zip, at most 256 (or `batch`)
 * at a time, one output row each.
 *
 * await predictImageInput(predictor, 'new.zip', sink, { batch: 4096 }) // → { rows: 9, errors: 1, sampleErrors: […] }
 */
export async function predictImageInput(predictor: Predictor, path: string, sink: BatchSink, options: { batch: number; signal?: AbortSignal }): Promise<BatchCounts> {
  const doc = predictor.doc;
  if (doc.kind !== 'images') throw new Error('predictImageInput needs an image model');
  const input = await openImageInput(path);
  const decode = nodeImageDecoder(input, doc);
  return predictImages(predictor, input.source, input.paths, decode, sink, { batch: Math.min(options.batch, imageBatchSize), signal: options.signal });
}
