import { imageBatchSize, listImages } from '../../src/core/deploy/predict/image-rows.ts';
import { KilnError } from '../../src/core/errors.ts';
import { checkBatch, imageFeatures, IMAGE_FEATURES, type DriftThresholds } from '../../src/core/monitor/index.ts';
import type { BatchCheck, CheckProgress, ImageBatchInput } from '../../src/core/monitor/messages.ts';
import type { Table } from '../../src/core/collect/table.ts';
import type { LabelledImages } from '../../src/core/monitor/challenger-images.ts';
import { CanvasResizer, decodeInOrder } from '../collect/images-decode.ts';
import type { BatchSink } from '../deploy/batch.ts';
import { predictImages, type DecodedImage } from '../deploy/image-batch.ts';
import { folderSource, zipSource } from '../deploy/image-source.ts';
import { deployedModel } from '../deploy/trained-model.ts';
import { modelBaseline } from './baseline.ts';
import { rememberBatch } from './last-batch.ts';

/**
 * Checks a folder or zip of images against an image model's baseline: each image is decoded and
 * predicted by the Deploy stage's image job, its brightness, contrast and colour means are the
 * features compared, and a first folder named like a class is its label (for concept drift).
 *
 * await checkImageBatch({ kind: 'zip', zip, source: 'may.zip' }, {}, signal) // → { report: { features: [brightness, …] }, … }
 */
export async function checkImageBatch(input: ImageBatchInput, thresholds: Partial<DriftThresholds>, signal: AbortSignal, onProgress?: (p: CheckProgress) => void): Promise<BatchCheck> {
  const started = performance.now();
  const deployed = await deployedModel();
  const doc = deployed.predictor.doc;
  if (doc.kind !== 'images') throw new KilnError('this model takes table rows; pick a CSV file instead', { file: input.source });
  const baseline = modelBaseline(deployed);
  const { all, load, sizeOf } = input.kind === 'zip' ? await zipSource(input.zip, input.source) : folderSource(input.files);
  const { paths } = listImages(all, input.source);
  const resizer = new CanvasResizer({ width: doc.width, height: doc.height, channels: doc.channels });
  const features = new Map<string, Record<string, number>>();
  const decoded = new Map<string, Uint8Array>();
  const decode = async (group: readonly string[]) => {
    const out: DecodedImage[] = [];
    await decodeInOrder(group, load, sizeOf, resizer, signal, (i, got) => {
      out[i] = got;
      if (!(got instanceof Uint8Array)) return;
      features.set(group[i], imageFeatures(got, doc.width, doc.height, doc.channels));
      decoded.set(group[i], got); // kept at the model's input size: a challenger can learn from it
    });
    return out;
  };
  const rows: string[][] = [];
  const sink: BatchSink = { open: async () => {}, write: async (lines) => void rows.push(...lines.map((l) => [...l])) };
  const counts = await predictImages(deployed.predictor, input.source, paths, decode, sink, {
    batch: imageBatchSize,
    signal,
    onProgress: (c) => onProgress?.({ phase: 'predicting', done: c.rows, total: paths.length }),
  }).catch((e: unknown) => {
    throw signal.aborted ? new KilnError('stopped before the end; nothing was checked', { file: input.source }) : e;
  });
  // Images that could not be decoded have no features: they are reported as errors, not as rows.
  const good = rows.filter((r) => features.has(r[0]));
  const labels = good.map((r) => (r[0].includes('/') ? r[0].split('/')[0] : null));
  const table = featureTable(good.map((r) => features.get(r[0])!), labels, input.source);
  const report = checkBatch(baseline, table, { predictions: good.map((r) => r[1]), thresholds });
  const labelled = labels.filter((l) => l !== null).length;
  rememberBatch(labelledImages(input.source, good.map((r) => r[0]), labels, decoded), deployed.trained);
  return { source: input.source, report, predicted: good.length, errors: counts.errors, sampleErrors: counts.sampleErrors, labelled, ms: performance.now() - started };
}

/** The decoded images in row order as one buffer, with their class folders. */
function labelledImages(source: string, names: string[], labels: (string | null)[], decoded: Map<string, Uint8Array>): LabelledImages {
  const size = names.length > 0 ? decoded.get(names[0])!.length : 0;
  const pixels = new Uint8Array(names.length * size);
  names.forEach((name, i) => pixels.set(decoded.get(name)!, i * size));
  return { source, names, labels, pixels };
}

/** The batch's feature columns, plus its label column when the images sit in class folders. */
function featureTable(rows: Record<string, number>[], labels: (string | null)[], source: string): Table {
  if (rows.length === 0) throw new KilnError('none of the images could be decoded, so there is nothing to compare', { file: source });
  const names = IMAGE_FEATURES.filter((f) => f in rows[0]);
  const table: Table = { source, rowCount: rows.length, warnings: [], columns: names.map((name) => ({ name, type: 'numeric', values: Float64Array.from(rows, (r) => r[name]) })) };
  if (labels.some((l) => l !== null)) {
    const categories = [...new Set(labels.filter((l): l is string => l !== null))];
    table.columns.push({ name: 'label', type: 'categorical', categories, codes: Int32Array.from(labels, (l) => (l === null ? -1 : categories.indexOf(l))) });
  }
  return table;
}
