import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { defaultChunkSize, ingestCsv } from '../core/collect/csv-ingest.ts';
import { cellText, type Table } from '../core/collect/table.ts';
import { imageBatchSize } from '../core/deploy/predict/image-rows.ts';
import { KilnError } from '../core/errors.ts';
import { imageFeatureTable } from '../core/monitor/index.ts';
import type { ImageDecoder } from '../../workers/deploy/image-batch.ts';
import { predictImages } from '../../workers/deploy/image-batch.ts';
import type { Predictor } from '../../workers/deploy/predictor.ts';
import { predictChunk } from '../../workers/deploy/predict-rows.ts';
import { nodeImageDecoder, openImageInput } from './predict-images.ts';

/** A batch as checkBatch takes it: the table, the model's prediction per row (null where it could not), and class probabilities. */
export interface MonitorInput {
  table: Table;
  predictions: (string | number | null)[];
  probabilities: (number[] | null)[];
  /** Rows the model could not predict, with the first few reasons. */
  errors: number;
  sampleErrors: string[];
}

/**
 * Reads a CSV batch with the parser `kiln run` uses, then predicts its rows through predictChunk,
 * the path behind `kiln predict`, `batch` rows at a time. A column the model needs but the batch
 * lacks makes those rows' predictions errors, not a crash: checkBatch reports the column.
 */
export async function readTableBatch(predictor: Predictor, path: string, batch: number): Promise<MonitorInput> {
  const source = basename(path);
  const info = await stat(path).catch(() => null);
  if (!info) throw new KilnError(`batch file not found (looked for ${path})`, { file: source });
  if (info.isDirectory()) throw new KilnError('is a folder; this is a table model, so give it a CSV file', { file: source });
  const table = await ingestCsv(createReadStream(path, { highWaterMark: defaultChunkSize }) as AsyncIterable<Uint8Array>, { source, total: info.size });
  const columns = table.columns.map((c) => c.name);
  const out: MonitorInput = { table, predictions: [], probabilities: [], errors: 0, sampleErrors: [] };
  for (let from = 0; from < table.rowCount; from += batch) {
    const rows: (string | null)[][] = [];
    for (let r = from; r < Math.min(table.rowCount, from + batch); r++) rows.push(table.columns.map((c) => cellText(c, r)));
    const result = predictChunk(predictor, { columns, rows });
    result.predictions.forEach((p, i) => {
      out.predictions.push(p?.prediction ?? null);
      out.probabilities.push(p?.probabilities ?? null);
      const error = result.errors[i];
      if (error !== null && out.errors++ < 5) out.sampleErrors.push(`row ${from + i + 1}: ${error}`);
    });
  }
  return out;
}

/**
 * Reads a folder or zip of images for an image model: each image is decoded and predicted by the
 * `kiln predict` image path, and its imageFeatures() taken on the way. Images inside class
 * folders (`cat/1.png`) are labelled by their folder, so the batch's accuracy can be measured.
 */
export async function readImageBatch(predictor: Predictor, path: string, batch: number): Promise<MonitorInput> {
  const doc = predictor.doc;
  if (doc.kind !== 'images') throw new Error('readImageBatch needs an image model');
  const input = await openImageInput(path);
  if (input.paths.length === 0) throw new KilnError('holds no images (PNG, JPEG, WebP, GIF or BMP)', { file: input.source });
  const features = new Map<string, Uint8Array>();
  const decode = nodeImageDecoder(input, doc);
  const keep: ImageDecoder = async (paths) => {
    const decoded = await decode(paths);
    decoded.forEach((d, i) => d instanceof Uint8Array && features.set(paths[i], d));
    return decoded;
  };
  const rows: string[][] = [];
  const counts = await predictImages(predictor, input.source, input.paths, keep, { open: async () => {}, write: async (r) => void rows.push(...r.map((x) => [...x])) }, {
    batch: Math.min(batch, imageBatchSize),
  });
  const good = rows.filter((r) => features.has(r[0]));
  if (good.length === 0) throw new KilnError(`none of its ${rows.length} images could be read (${counts.sampleErrors[0] ?? 'unknown reason'})`, { file: input.source });
  const images = good.map((r) => ({ pixels: features.get(r[0])!, width: doc.width, height: doc.height, channels: doc.channels }));
  const labelled = good.every((r) => r[0].includes('/'));
  const table = imageFeatureTable(images, input.source, labelled ? good.map((r) => r[0].split('/').at(-2)!) : undefined);
  const classes = doc.classes;
  return {
    table,
    predictions: good.map((r) => r[1] || null),
    probabilities: good.map((r) => (r[1] ? classes.map((_, c) => Number(r[2 + c])) : null)),
    errors: counts.errors,
    sampleErrors: counts.sampleErrors,
  };
}
