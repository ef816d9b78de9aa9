import * as tf from '@tensorflow/tfjs';
import type { Table } from '../../src/core/collect/table.ts';
import { encodeFeatures, encodeLabels, type Preprocessor } from '../../src/core/prepare/preprocess.ts';
import { inputColumns, type FittedStep } from '../../src/core/prepare/steps/fit.ts';
import { dataFingerprint } from '../../src/core/deploy/fingerprint.ts';
import { inputSchema, type InputField } from '../../src/core/deploy/input-schema.ts';
import { splitCounts } from '../../src/core/split/split.ts';
import type { BackendPreference, PipelineSpec } from '../../src/core/spec/schema.ts';
import { planRun, type RunPlan } from '../../src/core/train/plan.ts';
import type { EpochLogs, TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { describePredictions, scoreSplit } from '../../src/core/evaluate/table-scores.ts';
import { measureThroughput, type TensorSplit } from './fit.ts';
import { crossValidate, fitAndScore, trainResult, type FittedRun } from './fitted-run.ts';
import { buildModel, disposeModel } from './model.ts';
import { pickBackend } from './pick-backend.ts';

export interface RunOptions {
  onEvent?: (event: TrainEvent) => void;
  /** Polled between batches; true ends the run after the current batch, keeping what was learned. */
  shouldStop?: () => boolean;
  /** Overrides `spec.backend` (the CLI's --backend). */
  backend?: BackendPreference;
}

/** A trained model with the preprocessing it needs; the caller owns `model` and must dispose it. */
export interface TrainedPipeline {
  result: TrainResult;
  model: tf.LayersModel;
  pre: Preprocessor;
  /** Fitted prepare steps, applied to raw inputs before `pre`. */
  prepare: FittedStep[];
  /** The raw columns a prediction needs, measured on the training rows. */
  schema: InputField[];
  /** Digest of the loaded data, for the export manifest. */
  fingerprint: string;
}

/**
 * Runs the pipeline a spec describes on a loaded table: plan, choose backend, train, evaluate.
 * The browser worker and the headless runner both call this; there is no second implementation.
 */
export async function trainPipeline(spec: PipelineSpec, raw: Table, opts: RunOptions = {}): Promise<TrainedPipeline> {
  const emit = opts.onEvent ?? (() => {});
  const shouldStop = opts.shouldStop ?? (() => false);
  emit({ status: 'initiate', message: 'Preparing data' });
  const plan = planRun(spec, raw);
  for (const message of plan.warnings) emit({ status: 'warning', message });
  const choice = await pickBackend(opts.backend ?? spec.backend, () => timeBackend(spec, plan.table, plan));
  emit({ status: 'backend', choice });
  const counts = splitCounts(plan.split);
  emit({ status: 'split', counts });

  // Each fold replans, refitting the preparation on that fold's training rows.
  const crossValidation = plan.folds
    ? await crossValidate(plan.folds, (fold) => fitPlan(spec, planRun(spec, raw, { split: fold }), { onEpoch: () => {}, shouldStop }), emit, shouldStop)
    : undefined;
  const run = await fitPlan(spec, plan, { onEpoch: (logs) => emit({ status: 'epoch', logs, epochs: spec.train.epochs }), shouldStop });
  const result = trainResult({ task: plan.task, backend: choice, split: counts, classes: plan.classes, crossValidation, spec }, run);
  emit({ status: 'done', stopped: run.stopped });
  const fields = inputColumns(plan.prepare, plan.pre.features.map((f) => f.name));
  const schema = inputSchema(plan.kept, fields, plan.split.train, plan.prepare);
  return { result, model: run.model, pre: plan.pre, prepare: plan.prepare, schema, fingerprint: dataFingerprint(raw) };
}

/** Builds, trains and scores one model on a plan's split; the caller owns the returned model. */
function fitPlan(spec: PipelineSpec, plan: RunPlan, hooks: { onEpoch: (logs: EpochLogs) => void; shouldStop: () => boolean }): Promise<FittedRun> {
  const table = plan.table;
  return fitAndScore(
    spec,
    plan.split,
    {
      tensors: (rows) => toTensors(plan, table, rows),
      model: () => buildModel(spec.model, spec.train, shapeOf(plan), spec.seed),
      score: (rows, outputs) => scoreSplit(plan.pre, table, rows, outputs),
      // Rows as the loaded file numbers them (row steps may have removed some).
      describe: (rows, outputs) => ({ ...describePredictions(plan.pre, table, rows, outputs), rows: rows.map((r) => plan.origin[r]) }),
    },
    hooks,
  );
}

function shapeOf(plan: RunPlan) {
  return { inputWidth: plan.pre.width, outputs: plan.classes?.length ?? 1, task: plan.task };
}

/** Encodes one split's rows and uploads them to the active backend. */
function toTensors(plan: RunPlan, table: Table, rows: readonly number[]): TensorSplit {
  const n = rows.length;
  const x = tf.tensor2d(encodeFeatures(plan.pre, table, rows), [n, plan.pre.width]);
  const labels = encodeLabels(plan.pre, table, rows);
  const y = plan.classes
    ? tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), plan.classes!.length).toFloat() as tf.Tensor2D)
    : tf.tensor2d(labels, [n, 1]);
  return { x, y, n };
}

/** Trains a throwaway copy of the real model on real rows for a moment. */
async function timeBackend(spec: PipelineSpec, table: Table, plan: RunPlan): Promise<number> {
  const sample = plan.split.train.slice(0, Math.max(spec.train.batchSize, 1));
  const data = toTensors(plan, table, sample);
  const model = buildModel(spec.model, spec.train, shapeOf(plan), spec.seed);
  try {
    return await measureThroughput(model, data, spec.train.batchSize);
  } finally {
    disposeModel(model);
    tf.dispose([data.x, data.y]);
  }
}
