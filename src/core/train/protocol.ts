import type { BackendPreference, PipelineSpec, TaskKind } from '../spec/schema.ts';
import type { ClassificationMetrics, RegressionMetrics } from '../evaluate/types.ts';

/** A TF.js backend that actually ran. */
export type BackendName = Exclude<BackendPreference, 'auto'>;

/** How the backend was chosen, shown on the backend badge. */
export interface BackendChoice {
  name: BackendName;
  /** One sentence, e.g. "WebGPU adapter is a software fallback (SwiftShader); WebGL measured fastest". */
  reason: string;
  /** How it was chosen, for a short label: by the user, a hardware GPU, measured fastest, or the first that works. */
  basis: 'forced' | 'hardware' | 'measured' | 'fallback';
  /** Samples per second measured for each candidate, when `auto` benchmarked them. */
  measured: Partial<Record<BackendName, number>>;
}

/** Per-epoch numbers, as Keras names them. */
export interface EpochLogs {
  epoch: number;
  loss: number;
  valLoss?: number;
  /** Accuracy for classification; absent for regression. */
  acc?: number;
  valAcc?: number;
  /** Live tensors in the worker after this epoch; flat across epochs when nothing leaks. */
  numTensors: number;
  /** Milliseconds the epoch took. */
  ms: number;
  /** Learning rate the epoch trained with (schedules change it). */
  lr?: number;
  /** True when this epoch is the best so far on the monitored validation metric. */
  best?: boolean;
}

/** Where a run is, sent every few hundred milliseconds between epoch ends for the progress bar. */
export interface ProgressLogs {
  /** 1-based epoch in progress. */
  epoch: number;
  epochs: number;
  /** Batches of this epoch done. */
  batch: number;
  batches: number;
  /** Training time so far, pauses excluded. */
  elapsedMs: number;
  /** Mean training loss of this epoch's batches so far. */
  loss: number;
}

/** Progress of a training run: one union keyed on `status`, in the order they arrive. */
export type TrainEvent =
  | { status: 'initiate'; message: string }
  /** Something the user should know that does not stop the run, e.g. rows a prepare step removed. */
  | { status: 'warning'; message: string }
  | { status: 'backend'; choice: BackendChoice }
  | { status: 'split'; counts: SplitCounts }
  /** `logs` is the latest epoch; `earlier` holds the epochs before it that were sent together (oldest first). */
  | { status: 'epoch'; logs: EpochLogs; epochs: number; earlier?: EpochLogs[] }
  /** Batches done within the current epoch, a few times a second. */
  | { status: 'progress'; progress: ProgressLogs }
  /** One cross-validation fold finished; `metrics` are scored on that fold's held-out rows. */
  | { status: 'fold'; fold: number; folds: number; metrics: SplitMetrics }
  | { status: 'done'; stopped: boolean };

export interface SplitCounts {
  train: number;
  validation: number;
  test: number;
}

export type SplitMetrics =
  | { task: 'classification'; metrics: ClassificationMetrics }
  | {
      task: 'regression';
      metrics: RegressionMetrics;
      /** The same scores for always predicting the training rows' mean: what the model must beat. */
      baseline: RegressionMetrics & { prediction: number };
    };

/** Test-set predictions, row-aligned with the source file. */
export interface Predictions {
  /** 0-based data-row index in the source file. */
  rows: number[];
  /** True labels as text (class name or number). */
  labels: string[];
  predictions: string[];
  /** Classification only: class probabilities, rows × classes. */
  probabilities?: number[][];
}

/** Everything a finished (or stopped) run reports; plain data, safe to post between threads. */
export interface TrainResult {
  task: TaskKind;
  backend: BackendChoice;
  split: SplitCounts;
  classes?: string[];
  history: EpochLogs[];
  validation?: SplitMetrics;
  test: SplitMetrics;
  predictions: Predictions;
  stopped: boolean;
  /** The epoch whose weights the model holds when restore-best put them back; absent otherwise. */
  bestEpoch?: number;
  /** True when early stopping ended the run before its last epoch. */
  earlyStopped?: boolean;
  /** k-fold cross-validation over the non-test rows, when `split.folds` is set. */
  crossValidation?: CrossValidation;
  /** Set when the default table model was compared with a linear one on the validation split. */
  modelChoice?: ModelChoice;
  /** The spec the run used, defaults filled in. */
  spec: PipelineSpec;
}

/** Mean ± sample standard deviation of each metric over the folds. */
export interface CrossValidation {
  folds: number;
  metrics: Record<string, { mean: number; std: number; values: number[] }>;
}

/** One model a run trained and compared on the validation split. */
export interface ModelCandidate {
  /** The MLP (the spec's shorthand or `auto` preset), or the linear/logistic preset. */
  preset: 'mlp' | 'linear' | 'logistic';
  /** Mean validation loss of the weights the candidate kept (its best epoch with restore-best); null if unscored. */
  valLoss: number | null;
  epochs: number;
}

/**
 * Which model a default table run kept: it trains the MLP, then a linear model on the same split,
 * and keeps the linear one unless the MLP's validation loss is lower by more than one standard
 * error (src/core/train/model-choice.ts); the test rows are not looked at.
 */
export interface ModelChoice {
  picked: 'mlp' | 'linear';
  candidates: ModelCandidate[];
  /** Linear minus MLP validation loss, row by row: mean and standard error. */
  difference?: { mean: number; se: number };
}
