import * as Comlink from 'comlink';
import { fileLine, type Table } from '../../src/core/collect/table.ts';
import { cellText } from '../../src/core/collect/table.ts';
import type { ImageSet } from '../../src/core/collect/image-set.ts';
import { imageSize } from '../../src/core/collect/image-set.ts';
import type { ExampleImages, ExampleRows, FeatureImportance, ImportanceOptions, ImportanceProgress, TrainedInfo } from '../../src/core/evaluate/explain-protocol.ts';
import { beginOperation, resident } from '../state.ts';
import type { TrainedImages, TrainedTable } from '../train/adapter.ts';
import { trainedImportance } from './importance.ts';
import { saliencyMaps } from './saliency.ts';
import { filtersApi } from './filters.ts';

/** Evaluate-stage calls: the examples behind a prediction, saliency maps and permutation importance. */
export const evaluateApi = {
  ...filtersApi,
  /** What the resident model is: its kind, and a digest of its data so runs on different data are not compared. */
  async trainedInfo(): Promise<TrainedInfo | null> {
    const t = resident.trained;
    return t ? { kind: t.kind, fingerprint: t.fingerprint } : null;
  },

  /** The raw rows (0-based indices in the loaded file) of the table the model trained on, with file lines. */
  async exampleRows(rows: number[]): Promise<ExampleRows> {
    const table = trainedTable().data;
    return {
      columns: table.columns.map((c) => c.name),
      rows: rows.map((row) => ({ row, line: fileLine(table, row), cells: table.columns.map((c) => cellText(c, row)) })),
    };
  },

  /** The images at `indices` of the set the model trained on, each with its saliency map. */
  async exampleImages(indices: number[]): Promise<ExampleImages> {
    const { data, trained } = trainedImages();
    const size = imageSize(data);
    const pixels = new Uint8Array(indices.length * size);
    indices.forEach((i, k) => pixels.set(data.pixels.subarray(i * size, (i + 1) * size), k * size));
    const saliency = saliencyMaps(trained.model, pixels, indices.length, trained.image);
    const out: ExampleImages = { width: data.width, height: data.height, channels: data.channels, indices, names: indices.map((i) => data.names[i]), pixels, saliency };
    return Comlink.transfer(out, [pixels.buffer, saliency.buffer]);
  },

  /**
   * Permutation importance of each raw input column on the validation split (see
   * permutationImportance); `cancel()` stops it between shuffles and returns what is done.
   */
  async featureImportance(options: ImportanceOptions, onProgress: (e: ImportanceProgress) => void): Promise<FeatureImportance> {
    const { data, trained } = trainedTable();
    const signal = beginOperation();
    const out = await trainedImportance(trained, data, options, { onProgress, shouldStop: () => signal.aborted });
    if (!out) throw new Error('There are no validation rows to shuffle: give the validation split a share in Split and train again');
    return out;
  },
};

function trainedTable(): { data: Table; trained: TrainedTable } {
  const { trained, trainedOn } = resident;
  if (!trained || trained.kind !== 'table' || !trainedOn || !('columns' in trainedOn)) throw new Error('No table model is trained yet: train one in Train first');
  return { data: trainedOn, trained };
}

function trainedImages(): { data: ImageSet; trained: TrainedImages } {
  const { trained, trainedOn } = resident;
  if (!trained || trained.kind !== 'images' || !trainedOn || 'columns' in trainedOn) throw new Error('No image model is trained yet: train one in Train first');
  return { data: trainedOn, trained };
}
