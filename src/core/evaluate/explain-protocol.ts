import type { MetricName } from '../spec/schema.ts';

/** Progress of permutation importance: one event per shuffled column and repeat. */
export interface ImportanceProgress {
  status: 'progress';
  /** Shuffles scored so far, of `total` (columns × repeats). */
  done: number;
  total: number;
  /** The raw input column being shuffled now. */
  feature: string;
}

/** What to score permutation importance with. */
export interface ImportanceOptions {
  /** The score whose drop measures importance; a metric of the other task falls back to accuracy or R². */
  metric: MetricName;
  /** Shuffles per column; the spread over them is the ± shown. */
  repeats: number;
  /** Seeds the shuffles, so the same model and seed give the same chart. */
  seed: number;
}

/** How much one raw input column matters: the score lost when its values are shuffled. */
export interface ColumnImportance {
  name: string;
  /** Mean loss in the metric over the repeats (positive = the model needs this column). */
  mean: number;
  /** Sample standard deviation of the loss over the repeats. */
  std: number;
  /** The loss of each repeat. */
  drops: number[];
}

/** Permutation importance on the validation split, most important column first. */
export interface FeatureImportance {
  metric: MetricName;
  /** The unshuffled validation score. */
  baseline: number;
  split: 'validation';
  /** Validation rows scored. */
  rows: number;
  repeats: number;
  columns: ColumnImportance[];
  /** True when the user cancelled: `columns` holds those finished so far. */
  stopped: boolean;
}

/** Raw table rows behind some predictions, as the loaded file has them. */
export interface ExampleRows {
  /** Column names of the loaded file. */
  columns: string[];
  /** One entry per requested row, in the order asked. */
  rows: { row: number; line: number; cells: (string | null)[] }[];
}

/**
 * Images behind some predictions, with their saliency maps: `pixels` holds count × height ×
 * width × channels bytes, `saliency` count × height × width values in [0, 1] (1 = the pixel
 * that moves the predicted class's probability most).
 */
export interface ExampleImages {
  width: number;
  height: number;
  channels: 1 | 3;
  indices: number[];
  names: string[];
  pixels: Uint8Array;
  saliency: Float32Array;
}

/** What the worker's resident model is, for the Evaluate page and run comparison. */
export interface TrainedInfo {
  kind: 'table' | 'images';
  /** Digest of the data it trained on (see dataFingerprint). */
  fingerprint: string;
}
