import * as tf from '@tensorflow/tfjs';
import { crossValidationOf } from '../../src/core/evaluate/cross-validation.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import type { TaskKind } from '../../src/core/spec/schema.ts';
import type { CrossValidation, EpochLogs, ModelChoice, Predictions, ProgressLogs, SplitMetrics, TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import type { LoopControl } from './loop/control.ts';
import { resolveLoss } from '../../src/core/train/loss.ts';
import { perExampleLoss } from './loop/forward.ts';
import { predictAll } from './predict-all.ts';
import { fitModel, type FitOptions, type TensorSplit } from './fit.ts';
import { disposeModel } from './model.ts';

/** What training one model on one split gives back, tables and images alike. */
export interface FittedRun {
  model: tf.LayersModel;
  history: EpochLogs[];
  stopped: boolean;
  /** Set when restore-best put this epoch's weights back. */
  bestEpoch?: number;
  earlyStopped: boolean;
  validation?: SplitMetrics;
  test: SplitMetrics;
  predictions: Predictions;
  /** Set when the run compared candidate models and kept this one (see choose-model.ts). */
  modelChoice?: ModelChoice;
  /** Each validation row's loss (the training loss, unweighted) under the kept weights; compares candidates row by row. */
  validationLosses?: Float32Array;
}

/** How a run reports and is steered: epochs and progress out, stop and pause in. */
export interface FitHooks extends LoopControl {
  onEpoch: (logs: EpochLogs) => void;
  onProgress?: (progress: ProgressLogs) => void;
  task: TaskKind;
  /** Class names in label order (classification). */
  classes?: readonly string[];
}

/** How one kind of data (table rows, images) becomes tensors, a model and scores. */
export interface RunParts {
  tensors: (rows: readonly number[]) => TensorSplit;
  model: () => tf.LayersModel;
  score: (rows: readonly number[], outputs: Float32Array) => SplitMetrics;
  describe: (rows: readonly number[], outputs: Float32Array) => Predictions;
  /** Per-epoch change of the training features (augmentation), if any. */
  transformEpoch?: FitOptions['transformEpoch'];
}

/**
 * Uploads a split, builds, trains and scores one model on it, for tables and images alike; the
 * split's tensors are disposed here, the returned model is the caller's.
 */
export async function fitAndScore(
  spec: PipelineSpec,
  split: SplitIndices,
  parts: RunParts,
  hooks: FitHooks,
): Promise<FittedRun> {
  // Each upload is kept as soon as it exists, so a later one that throws leaks none of them.
  const data: Partial<Record<'train' | 'validation' | 'test', TensorSplit>> = {};
  let model: tf.LayersModel | null = null;
  try {
    data.train = parts.tensors(split.train);
    data.validation = parts.tensors(split.validation);
    data.test = parts.tensors(split.test);
    model = parts.model();
    const outcome = await fitModel(model, data.train, data.validation.n > 0 ? data.validation : null, {
      ...hooks,
      train: spec.train,
      seed: spec.seed,
      transformEpoch: parts.transformEpoch,
    });
    const testOut = await predictAll(model, data.test.x);
    const valOut = data.validation.n > 0 ? await predictAll(model, data.validation.x) : null;
    const validationLosses = valOut ? await rowLosses(spec, hooks.task, valOut, data.validation.y) : undefined;
    return {
      model,
      history: outcome.history,
      stopped: outcome.stopped,
      bestEpoch: outcome.bestEpoch,
      earlyStopped: outcome.earlyStopped,
      validation: valOut ? parts.score(split.validation, valOut) : undefined,
      test: parts.score(split.test, testOut),
      predictions: parts.describe(split.test, testOut),
      validationLosses,
    };
  } catch (e) {
    if (model) disposeModel(model);
    throw e;
  } finally {
    for (const s of Object.values(data)) tf.dispose([s.x, s.y]);
  }
}

/** Per-row loss of model outputs (probabilities or values, as predicted) against the labels. */
async function rowLosses(spec: PipelineSpec, task: TaskKind, outputs: Float32Array, y: tf.Tensor): Promise<Float32Array> {
  const losses = tf.tidy(() => perExampleLoss(resolveLoss(spec.train, task), tf.tensor(outputs, y.shape), y, false, spec.train.huberDelta));
  try {
    return (await losses.data()) as Float32Array;
  } finally {
    losses.dispose();
  }
}

/**
 * k-fold cross-validation: trains one model per fold with `fit` (which plans the fold as the
 * data kind needs), scores it on the fold's held-out part, disposes it, and reports each fold.
 * The test split is never touched here.
 */
export async function crossValidate(
  folds: readonly SplitIndices[],
  fit: (fold: SplitIndices) => Promise<FittedRun>,
  emit: (e: TrainEvent) => void,
  shouldStop: () => boolean,
): Promise<CrossValidation> {
  const scores: SplitMetrics[] = [];
  for (const [i, fold] of folds.entries()) {
    if (shouldStop()) break;
    const run = await fit(fold);
    disposeModel(run.model);
    scores.push(run.test);
    emit({ status: 'fold', fold: i + 1, folds: folds.length, metrics: run.test });
  }
  return crossValidationOf(scores);
}

/** The result of a finished run: what was decided before training, then what the final model scored. */
export function trainResult(decided: Pick<TrainResult, 'task' | 'backend' | 'split' | 'classes' | 'crossValidation' | 'spec'>, run: FittedRun): TrainResult {
  const { history, validation, test, predictions, stopped, bestEpoch, earlyStopped, modelChoice } = run;
  return { ...decided, history, validation, test, predictions, stopped, bestEpoch, earlyStopped, ...(modelChoice ? { modelChoice } : {}) };
}
