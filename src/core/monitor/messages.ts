/**
 * What the Monitor page and the worker say to each other (plain data): resource snapshots, a
 * checked batch, and a challenger trained against the champion.
 */
import type { FolderFile } from '../collect/protocol.ts';
import type { MetricName } from '../spec/schema.ts';
import type { SplitMetrics, TrainResult } from '../train/protocol.ts';
import type { RetrainMode } from './challenger-data.ts';
import type { MonitorReport } from './protocol.ts';

/** One reading of the worker's resources, as `resources()` returns it. */
export interface ResourceSnapshot {
  /** Date.now() when read. */
  at: number;
  /** The active TF.js backend ('webgpu', 'webgl', 'cpu'). */
  backend: string;
  /** The WebGPU adapter as the browser describes it, when WebGPU exists here. */
  adapter: string | null;
  /** Live tensors (tf.memory().numTensors). */
  numTensors: number;
  /** Bytes held by live tensors, on any device. */
  numBytes: number;
  /** Of those, bytes on the GPU (WebGL/WebGPU); null on the CPU backend. */
  gpuBytes: number | null;
  /** tf.memory() says its numbers may be off (strings, or a backend that cannot count). */
  unreliable: boolean;
  /** The worker's JavaScript heap in bytes (Chromium's performance.memory); null elsewhere. */
  heapUsed: number | null;
  heapLimit: number | null;
}

/** A checked batch: the drift report plus how its rows were predicted. */
export interface BatchCheck {
  source: string;
  report: MonitorReport;
  /** Rows the model predicted, and rows it could not (with the first reasons). */
  predicted: number;
  errors: number;
  sampleErrors: string[];
  /** Rows that carry a label, so could train a challenger. */
  labelled: number;
  ms: number;
}

/** An image batch for checkImageBatch: a picked folder's files (paths relative to it), or a zip. */
export type ImageBatchInput = { kind: 'folder'; files: FolderFile[]; source: string } | { kind: 'zip'; zip: Blob; source: string };

/** Progress of a batch check: bytes read, then rows predicted. */
export interface CheckProgress {
  phase: 'reading' | 'predicting' | 'comparing';
  done: number;
  total: number;
}

/** One model's scores on the held-out test rows, for the champion/challenger table. */
export interface ModelScores {
  /** The goal's metric and its value on the test rows. */
  metric: MetricName;
  value: number | null;
  test: SplitMetrics;
  trainRows: number;
  validationRows: number;
  testRows: number;
}

/** A challenger trained on new data, and the champion, scored on the same test rows. */
export interface Challenge {
  mode: RetrainMode;
  batch: string;
  champion: ModelScores;
  challenger: ModelScores;
  /** True when the challenger's goal metric is at least as good as the champion's. */
  challengerBetter: boolean;
  result: TrainResult;
}

/** A change of the live model (a promotion or a roll back): the new model's run, and the size of the files kept of the one it replaced. */
export interface ModelSwap {
  result: TrainResult;
  keptBytes: number;
}
