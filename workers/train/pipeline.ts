import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import { splitCounts, type SplitIndices } from '../../src/core/split/split.ts';
import type { BackendPreference, PipelineSpec } from '../../src/core/spec/schema.ts';
import type { EpochLogs, ProgressLogs, TrainEvent } from '../../src/core/train/protocol.ts';
import type { DataAdapter, PlannedRun, TrainedImages, TrainedModel, TrainedTable } from './adapter.ts';
import { measureThroughput } from './fit.ts';
import { crossValidate, fitAndScore, trainResult, type RunParts } from './fitted-run.ts';
import { imageAdapter } from './image-adapter.ts';
import { disposeModel } from './model.ts';
import { pickBackend } from './pick-backend.ts';
import { tableAdapter } from './table-adapter.ts';

export type { TrainedImages, TrainedModel, TrainedTable } from './adapter.ts';

/** How a caller steers a run: progress events, stopping, and the backend. */
export interface RunOptions {
  onEvent?: (event: TrainEvent) => void;
  /** Polled between batches; true ends the run after the current batch, keeping what was learned. */
  shouldStop?: () => boolean;
  /** Polled between batches; true holds training (weights and optimizer state kept) until false. */
  isPaused?: () => boolean;
  /** Overrides `spec.backend` (the CLI's --backend). */
  backend?: BackendPreference;
  /**
   * Rows of `data` (as loaded) for train, validation and test instead of the spec's split, and no
   * cross-validation: the Monitor's challenger keeps the champion's test rows as its test set.
   */
  split?: SplitIndices;
}

/**
 * Runs the pipeline a spec describes on a loaded table or image set: plan, choose backend,
 * cross-validate, train, evaluate. The browser worker and the headless runner both call this;
 * there is no second implementation. The caller owns the returned `model`.
 *
 * const trained = await trainOn(spec, table); await trained.files() // → { 'model.json', 'weights.bin', 'preprocessing.json' }
 */
export async function trainOn(spec: PipelineSpec, data: Table, opts?: RunOptions): Promise<TrainedTable>;
export async function trainOn(spec: PipelineSpec, data: ImageSet, opts?: RunOptions): Promise<TrainedImages>;
export async function trainOn(spec: PipelineSpec, data: Table | ImageSet, opts?: RunOptions): Promise<TrainedModel>;
export async function trainOn(spec: PipelineSpec, data: Table | ImageSet, opts: RunOptions = {}): Promise<TrainedModel> {
  if ('columns' in data) return runPipeline(spec, withSplit(tableAdapter(spec, data), opts.split), opts);
  return runPipeline(spec, withSplit(imageAdapter(spec, data), opts.split), opts);
}

/** The adapter planning `split` (loaded-row indices, mapped past rows a row step removed) as a fold is planned. */
function withSplit<P extends PlannedRun, T extends TrainedModel>(adapter: DataAdapter<P, T>, split: SplitIndices | undefined): DataAdapter<P, T> {
  if (!split) return adapter;
  return {
    ...adapter,
    plan: () => {
      const plan = adapter.plan();
      const origin = (plan as { origin?: number[] }).origin;
      const position = origin ? new Map(origin.map((raw, kept) => [raw, kept])) : null;
      const map = (rows: number[]) => (position ? rows.flatMap((r) => position.get(r) ?? []) : rows);
      return { ...adapter.planFold(plan, { train: map(split.train), validation: map(split.validation), test: map(split.test) }), folds: null };
    },
  };
}

/** The one pipeline, for whichever data the adapter stands for. */
async function runPipeline<P extends PlannedRun, T extends TrainedModel>(spec: PipelineSpec, data: DataAdapter<P, T>, opts: RunOptions): Promise<T> {
  const emit = opts.onEvent ?? (() => {});
  const shouldStop = opts.shouldStop ?? (() => false);
  emit({ status: 'initiate', message: data.preparing });
  const plan = data.plan();
  for (const message of plan.warnings) emit({ status: 'warning', message });
  const choice = await pickBackend(opts.backend ?? spec.backend, () => timeBackend(spec, plan, data.parts(plan)));
  emit({ status: 'backend', choice });
  const counts = splitCounts(plan.split);
  emit({ status: 'split', counts });

  const steer = { shouldStop, isPaused: opts.isPaused, task: plan.task, classes: plan.classes };
  const crossValidation = plan.folds
    ? await crossValidate(plan.folds, (fold) => fitAndScore(spec, fold, data.parts(data.planFold(plan, fold)), { ...steer, onEpoch: () => {} }), emit, shouldStop)
    : undefined;
  const onEpoch = (logs: EpochLogs) => emit({ status: 'epoch', logs, epochs: spec.train.epochs });
  const onProgress = (progress: ProgressLogs) => emit({ status: 'progress', progress });
  const run = await fitAndScore(spec, plan.split, data.parts(plan), { ...steer, onEpoch, onProgress });
  const result = trainResult({ task: plan.task, backend: choice, split: counts, classes: plan.classes, crossValidation, spec }, run);
  emit({ status: 'done', stopped: run.stopped });
  return data.trained(plan, run.model, result);
}

/** Trains a throwaway copy of the real model on real rows for a moment. */
async function timeBackend(spec: PipelineSpec, plan: PlannedRun, parts: RunParts): Promise<number> {
  const sample = plan.split.train.slice(0, Math.max(spec.train.batchSize, 1));
  const data = parts.tensors(sample);
  let model: tf.LayersModel | null = null;
  try {
    model = parts.model();
    return await measureThroughput(model, data, spec.train.batchSize, 600, spec.train);
  } finally {
    if (model) disposeModel(model);
    tf.dispose([data.x, data.y]);
  }
}
