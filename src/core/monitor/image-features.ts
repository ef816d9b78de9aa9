import { imageSize, type ImageSet } from '../collect/image-set.ts';
import type { Table } from '../collect/table.ts';
import type { MetricName } from '../spec/schema.ts';
import { tableBaseline, type Baseline } from './baseline.ts';

/** The numeric features one image is monitored by (colour images add the per-channel means). */
export const IMAGE_FEATURES = ['brightness', 'contrast', 'red', 'green', 'blue'] as const;

/** An image's pixels, row-major and interleaved (HWC), 0–255. */
export interface ImageLike {
  pixels: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: number;
}

/**
 * Per-image features so image batches go through the table checks: mean brightness (mean over
 * every channel, 0–255), contrast (standard deviation of the per-pixel brightness) and, for colour
 * images, the mean of each of the first three channels.
 *
 * imageFeatures(Uint8Array.of(0, 255), 2, 1, 1) // → { brightness: 127.5, contrast: 127.5 }
 */
export function imageFeatures(pixels: ArrayLike<number>, width: number, height: number, channels: number): Record<string, number> {
  const n = width * height;
  if (n === 0 || pixels.length < n * channels) throw new RangeError(`expected ${n * channels} pixel values for ${width}×${height}×${channels}, got ${pixels.length}`);
  const sums = new Array<number>(channels).fill(0);
  let sum = 0;
  let squares = 0;
  for (let p = 0; p < n; p++) {
    let pixel = 0;
    for (let c = 0; c < channels; c++) {
      const v = pixels[p * channels + c];
      sums[c] += v;
      pixel += v;
    }
    pixel /= channels;
    sum += pixel;
    squares += pixel * pixel;
  }
  const mean = sum / n;
  const out: Record<string, number> = { brightness: mean, contrast: Math.sqrt(Math.max(0, squares / n - mean * mean)) };
  if (channels >= 3) ['red', 'green', 'blue'].forEach((name, c) => (out[name] = sums[c] / n));
  return out;
}

/**
 * A table with one row of imageFeatures() per image (and a `label` column when labels are given),
 * which checkBatch reads like any CSV batch.
 *
 * imageFeatureTable([img1, img2], 'may-photos', ['cat', 'dog']).columns.map((c) => c.name)
 * // → ['brightness', 'contrast', 'red', 'green', 'blue', 'label']
 */
export function imageFeatureTable(images: readonly ImageLike[], source: string, labels?: readonly (string | null)[]): Table {
  const rows = images.map((im) => imageFeatures(im.pixels, im.width, im.height, im.channels));
  const names = IMAGE_FEATURES.filter((f) => rows.length > 0 && rows.every((r) => f in r));
  const table: Table = {
    source,
    rowCount: images.length,
    columns: names.map((name) => ({ name, type: 'numeric' as const, values: Float64Array.from(rows, (r) => r[name]) })),
    warnings: [],
  };
  if (labels) {
    const categories = [...new Set(labels.filter((l): l is string => l !== null))];
    const index = new Map(categories.map((c, i) => [c, i]));
    table.columns.push({ name: 'label', type: 'categorical', categories, codes: Int32Array.from(labels, (l) => (l === null ? -1 : index.get(l)!)) });
  }
  return table;
}

/**
 * An image model's baseline: imageFeatures() of its training images, its test predictions and
 * goal metric, in the same form as a table model's (kind 'images', label column 'label').
 */
export function imageBaseline(input: {
  images: readonly ImageLike[];
  /** Indices into `images` of the training split. */
  rows: readonly number[];
  labels: readonly string[];
  classes: readonly string[];
  predictions: readonly string[];
  metric: { name: MetricName; value: number; target?: number | null; positiveClass?: string | null } | null;
}): Baseline {
  const table = imageFeatureTable(input.rows.map((r) => input.images[r]), 'training images', input.rows.map((r) => input.labels[r]));
  const fields = table.columns.filter((c) => c.name !== 'label').map((c) => c.name);
  return tableBaseline({
    table,
    rows: table.columns[0] ? Array.from({ length: table.rowCount }, (_, i) => i) : [],
    fields,
    label: 'label',
    task: 'classification',
    classes: input.classes,
    predictions: input.predictions,
    metric: input.metric,
    kind: 'images',
  });
}

/**
 * Views (no copies) of images of a decoded ImageSet, for imageFeatureTable and imageBaseline.
 *
 * imagesOf(set, [0, 5]) // → [{ pixels: <view of image 0>, width: 32, height: 32, channels: 3 }, …]
 */
export function imagesOf(set: Pick<ImageSet, 'pixels' | 'width' | 'height' | 'channels'>, indices: readonly number[]): ImageLike[] {
  const size = imageSize(set);
  return indices.map((i) => ({ pixels: set.pixels.subarray(i * size, (i + 1) * size), width: set.width, height: set.height, channels: set.channels }));
}
