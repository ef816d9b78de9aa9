import { decodeOutputs } from '../../src/core/deploy/predict/decode.ts';
import { imageOutputHeader, imageOutputRow } from '../../src/core/deploy/predict/image-rows.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { BatchCounts, BatchSink } from './batch.ts';
import type { Predictor } from './predictor.ts';

/** One image at the model's size (height × width × channels bytes), or why it could not be read. */
export type DecodedImage = Uint8Array | { reason: string };

/** Decodes a group of images, in order; Node does it with pngjs/jpeg-js, the page on a canvas. */
export type ImageDecoder = (paths: readonly string[]) => Promise<DecodedImage[]>;

/** Options of predictImages. */
export interface ImageBatchOptions {
  /** Images decoded and predicted per step. */
  batch: number;
  signal?: AbortSignal;
  /** After each step: the counts so far. */
  onProgress?: (counts: BatchCounts) => void;
}

const sampleErrors = 5;

/**
 * Predicts every image of `paths` with an image model, `batch` at a time (decode → one forward
 * pass → write), so only one batch of pixels is ever held: the one image job behind
 * `kiln predict` and the page's batch card. Each image becomes a row `path, prediction,
 * p_<class>…, error`; one that cannot be decoded gets its error instead of stopping the job.
 *
 * await predictImages(predictor, 'new.zip', ['circle/1.png', 'junk.png'], decode, sink, { batch: 256 })
 * // → { rows: 2, errors: 1, sampleErrors: ['junk.png: not a PNG, JPEG, WebP, GIF or BMP file, whatever its name says'] }
 */
export async function predictImages(
  predictor: Predictor,
  source: string,
  paths: readonly string[],
  decode: ImageDecoder,
  sink: BatchSink,
  options: ImageBatchOptions,
): Promise<BatchCounts> {
  const doc = predictor.doc;
  if (doc.kind !== 'images') throw new KilnError('is a table model; give it a CSV file, not images', { file: source });
  const size = predictor.inputWidth;
  const counts: BatchCounts = { rows: 0, errors: 0, sampleErrors: [] };
  await sink.open(imageOutputHeader(doc.classes));
  for (let from = 0; from < paths.length; from += options.batch) {
    if (options.signal?.aborted) throw new KilnError('stopped before the end; no output was kept', { file: source });
    const group = paths.slice(from, from + options.batch);
    const decoded = await decode(group);
    const good = decoded.filter((d): d is Uint8Array => d instanceof Uint8Array);
    const pixels = new Uint8Array(good.length * size);
    good.forEach((d, i) => {
      if (d.length !== size) throw new Error(`decoded ${d.length} bytes for an image, expected ${size}`);
      pixels.set(d, i * size);
    });
    const predictions = decodeOutputs(doc, await predictor.predictAsync(pixels, good.length), good.length);
    let g = 0;
    const rows = group.map((path, i) => {
      const d = decoded[i];
      if (d instanceof Uint8Array) return imageOutputRow(path, predictions[g++], doc.classes, null);
      if (counts.errors++ < sampleErrors) counts.sampleErrors.push(`${path}: ${d.reason}`);
      return imageOutputRow(path, null, doc.classes, d.reason);
    });
    counts.rows += group.length;
    await sink.write(rows);
    options.onProgress?.(counts);
  }
  return counts;
}
