import { imageCount, type ImageSet } from '../collect/image-set.ts';
import { KilnError } from '../errors.ts';
import { checkedModel } from './presets.ts';
import { checkSplitSizes, earlyStoppingNote } from '../split/check.ts';
import { kFold } from '../split/kfold.ts';
import { splitRows, type SplitIndices, type SplitRatios } from '../split/split.ts';
import type { PipelineSpec } from '../spec/schema.ts';

/** What a caller must do to an image before the model sees it; written to preprocessing.json. */
export interface ImagePreprocessing {
  kind: 'images';
  width: number;
  height: number;
  channels: 1 | 3;
  /** Multiply each HWC byte by this (1/255 → values in [0, 1]). */
  scale: number;
  /** Output order of the softmax. */
  classes: string[];
  /** Name of the class column, e.g. "class". */
  label: string;
}

/** Everything decided before any tensor exists for an image run. */
export interface ImageRunPlan {
  task: 'classification';
  /** Image indices into the set, per split. */
  split: SplitIndices;
  /** k cross-validation folds over the train and validation images when `split.folds` is set, else null. */
  folds: SplitIndices[] | null;
  classes: string[];
  input: ImagePreprocessing;
  /** Filters of each conv block; empty for `model.type: 'mlp'` (dense layers on raw pixels). */
  filters: number[];
  /** Things the user should know that do not stop the run. */
  warnings: string[];
}

/**
 * Splits an image set into train/validation/test, stratified by class when `stratify` is on,
 * seeded so the same seed gives the same images in each split.
 *
 * splitImages(shapes, { train: 0.7, validation: 0.15, test: 0.15, stratify: true }, 42)
 * // → { train: [0, 2, …], validation: […], test: […] } with each class ≈ 70/15/15
 */
export function splitImages(set: Pick<ImageSet, 'labels'>, ratios: SplitRatios & { stratify: boolean }, seed: number): SplitIndices {
  const rows = Array.from({ length: set.labels.length }, (_, i) => i);
  return splitRows(rows, ratios.stratify ? Array.from(set.labels) : null, ratios, seed);
}

/** How many 2×2 max-pools an image can take before a side shrinks to zero. */
export function maxConvBlocks(width: number, height: number): number {
  return Math.floor(Math.log2(Math.min(width, height)));
}

/**
 * Checks the spec against the loaded images and plans the run: split, input size and conv blocks.
 * The images' own size wins over `data.image` (they were resized when loaded); a mismatch is a warning.
 */
export function planImageRun(spec: PipelineSpec, set: ImageSet): ImageRunPlan {
  const file = set.source;
  if (spec.task === 'regression') throw new KilnError('image sets are classified by folder; set task to classification or auto', { file, path: 'task' });
  if (set.classes.length < 2) throw new KilnError(`found ${set.classes.length} class; at least 2 are needed (one sub-folder per class)`, { file });
  const n = imageCount(set);
  if (n < 3) throw new KilnError(`only ${n} images; at least 3 are needed to split`, { file });
  if (spec.split.group !== undefined) throw new KilnError('grouping by a column needs a table; remove split.group for images', { path: 'split.group' });

  const filters = spec.model.type === 'mlp' ? [] : spec.model.filters;
  const most = maxConvBlocks(set.width, set.height);
  const shorthand = !spec.model.layers && !spec.model.preset;
  if (shorthand && filters.length > most) {
    throw new KilnError(
      `${filters.length} conv blocks each halve the image, but ${set.width}×${set.height} can only be halved ${most} times; use at most ${most} filters or larger images`,
      { path: 'model.filters' },
    );
  }
  const note = earlyStoppingNote(spec.split, spec.train);
  const warnings: string[] = note === null ? [] : [note];
  const want = spec.data.image;
  if (want.width !== set.width || want.height !== set.height || want.channels !== set.channels) {
    warnings.push(
      `images are ${describeSize(set)} as loaded, spec says ${describeSize(want)}; training at ${describeSize(set)}`,
    );
  }
  const seed = spec.split.seed ?? spec.seed;
  const split = splitImages(set, spec.split, seed);
  warnings.push(...checkSplitSizes({ split, ratios: spec.split, unit: 'image', file, classOf: (i) => set.classes[set.labels[i]] }));
  // Layers and presets are checked layer by layer before any tensor exists (the shorthand above).
  const shape = [set.height, set.width, set.channels];
  if (!shorthand) checkedModel(spec.model, { kind: 'images', task: 'classification', input: shape, classes: set.classes.length, rows: split.train.length });
  const classes = [...set.classes];
  const input: ImagePreprocessing = { kind: 'images', width: set.width, height: set.height, channels: set.channels, scale: 1 / 255, classes, label: spec.data.label };
  return { task: 'classification', split, folds: imageFolds(set, split, spec.split, seed), classes, input, filters, warnings };
}

/**
 * k folds over the non-test images, stratified by class when the split is, each keeping the
 * spec's train : validation proportion inside its training part; the test images stay aside.
 */
function imageFolds(set: Pick<ImageSet, 'labels'>, split: SplitIndices, spec: PipelineSpec['split'], seed: number): SplitIndices[] | null {
  if (spec.folds === undefined) return null;
  const pool = [...split.train, ...split.validation];
  const strata = spec.stratify ? pool.map((i) => set.labels[i]) : null;
  return kFold(pool, strata, spec.folds, seed, null, spec.validation / (spec.train + spec.validation));
}

function describeSize(s: { width: number; height: number; channels: number }): string {
  return `${s.width}×${s.height} ${s.channels === 1 ? 'grey' : 'RGB'}`;
}

/**
 * Which loaded data set a run trains on: `images` and `table` ask for that one; `auto` takes the
 * images only when no table is loaded. Throws a readable error when the one needed is missing.
 *
 * trainingData('auto', { table: false, images: true }) // → 'images'
 */
export function trainingData(kind: PipelineSpec['data']['kind'], loaded: { table: boolean; images: boolean }): 'table' | 'images' {
  const which = kind === 'auto' ? (loaded.images && !loaded.table ? 'images' : 'table') : kind;
  if (which === 'images' && !loaded.images) {
    throw new KilnError('no images loaded yet: load an image folder or the generated shapes in Collect first', { path: 'data.kind' });
  }
  if (which === 'table' && !loaded.table) {
    throw new KilnError(`no table loaded yet: load a CSV or a sample in Collect first${loaded.images ? ", or set data.kind to 'images'" : ''}`);
  }
  return which;
}
