import Papa from 'papaparse';
import { blobChunks } from '../../src/core/collect/csv-ingest.ts';
import { imageBatchSize, listImages } from '../../src/core/deploy/predict/image-rows.ts';
import type { BatchOutcome, BatchProgress } from '../../src/core/deploy/protocol.ts';
import { csvWriteOptions } from '../../src/core/deploy/csv-safe.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { FolderFile } from '../../src/core/collect/protocol.ts';
import { CanvasResizer, decodeInOrder } from '../collect/images-decode.ts';
import { beginOperation } from '../state.ts';
import { predictCsv, type BatchCounts, type BatchSink } from './batch.ts';
import { predictImages, type DecodedImage } from './image-batch.ts';
import { folderSource, zipSource, type ImageSource } from './image-source.ts';
import { deployedModel } from './trained-model.ts';

/** Rows per forward pass in the page: big enough to keep the backend busy, small enough to report often. */
const batchRows = 4096;

/** Output rows gathered as Blob parts, which the browser may keep off the JS heap (or on disk). */
class BlobSink implements BatchSink {
  readonly parts: Blob[] = [];

  async open(header: readonly string[]): Promise<void> {
    await this.write([header]);
  }

  async write(rows: readonly (readonly string[])[]): Promise<void> {
    this.parts.push(new Blob([Papa.unparse(rows as string[][], csvWriteOptions) + '\n']));
  }
}

/** The batch job of the Deploy stage. */
export const batchApi = {
  /**
   * Predicts every row of `file` with the last trained model, reading it in chunks, and returns
   * the input with prediction, p_<class> and error columns as a CSV Blob. `cancel()` stops it
   * and keeps nothing; `onProgress` hears after every batch.
   */
  async predictBatch(file: File, onProgress?: (p: BatchProgress) => void): Promise<BatchOutcome> {
    const signal = beginOperation();
    const { predictor } = await deployedModel();
    const started = performance.now();
    const sink = new BlobSink();
    const counts = await predictCsv(predictor, file.name, blobChunks(file), sink, {
      batch: batchRows,
      signal,
      onProgress: (c, bytes) => onProgress?.({ rows: c.rows, errors: c.errors, bytes, total: file.size }),
    });
    return outcomeOf(sink, counts, started);
  },

  /**
   * Predicts every image of a picked folder (paths relative to it) with the last trained image
   * model, decoded and resized as the Collect stage does: one row `path, prediction, p_<class>,
   * error` per image, as `kiln predict` writes. Progress counts images (in `bytes` of `total`).
   */
  async predictImageFiles(files: FolderFile[], source: string, onProgress?: (p: BatchProgress) => void): Promise<BatchOutcome> {
    return predictImageSource(source, folderSource(files), onProgress);
  },

  /** predictImageFiles for a zip of images, unzipped here within the Collect stage's limits. */
  async predictImageZip(zip: Blob, source: string, onProgress?: (p: BatchProgress) => void): Promise<BatchOutcome> {
    return predictImageSource(source, await zipSource(zip, source), onProgress);
  },
};

/** The image job over any list of paths: decode a batch on the canvas, predict it, append its rows. */
async function predictImageSource(source: string, { all, load, sizeOf }: ImageSource, onProgress?: (p: BatchProgress) => void): Promise<BatchOutcome> {
  const signal = beginOperation();
  const { predictor } = await deployedModel();
  const doc = predictor.doc;
  if (doc.kind !== 'images') throw new KilnError('this model takes table rows; pick a CSV file instead');
  const started = performance.now();
  const { paths } = listImages(all, source);
  const resizer = new CanvasResizer({ width: doc.width, height: doc.height, channels: doc.channels });
  const decode = async (group: readonly string[]) => {
    const out: DecodedImage[] = [];
    await decodeInOrder(group, load, sizeOf, resizer, signal, (i, got) => (out[i] = got)).catch((e: unknown) => {
      throw signal.aborted ? new KilnError('stopped before the end; no output was kept', { file: source }) : e;
    });
    return out;
  };
  const sink = new BlobSink();
  const counts = await predictImages(predictor, source, paths, decode, sink, {
    batch: imageBatchSize,
    signal,
    onProgress: (c) => onProgress?.({ rows: c.rows, errors: c.errors, bytes: c.rows, total: paths.length }),
  });
  return outcomeOf(sink, counts, started);
}

function outcomeOf(sink: BlobSink, counts: BatchCounts, started: number): BatchOutcome {
  return { csv: new Blob(sink.parts, { type: 'text/csv' }), rows: counts.rows, errors: counts.errors, ms: performance.now() - started, sampleErrors: counts.sampleErrors };
}
