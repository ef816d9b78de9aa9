import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import { splitCounts, type SplitIndices } from '../../src/core/split/split.ts';
import type { BackendPreference, ModelSpec, PipelineSpec } from '../../src/core/spec/schema.ts';
import { linearAlternative } from '../../src/core/train/model-choice.ts';
import type { RunPlan } from '../../src/core/train/plan.ts';
import type { EpochLogs, ProgressLogs, TrainEvent } from '../../src/core/train/protocol.ts';
import { checkpointSpecHash, checkResumable, type TrainCheckpoint } from '../../src/core/train/checkpoint.ts';
import type { DataAdapter, PlannedRun, TrainedImages, TrainedModel, TrainedTable } from './adapter.ts';
import { measureThroughput } from './fit.ts';
import { fitAndChoose, type Candidate } from './choose-model.ts';
import { crossValidate, trainResult, type RunParts } from './fitted-run.ts';
import { imageAdapter } from './image-adapter.ts';
import { disposeModel } from './model.ts';
import type { LoopCheckpoints } from './loop/resume.ts';
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
  /** Stops the run once this much training time is spent (the runner's default when a spec sets no epochs; see epoch-budget.ts). */
  epochBudgetMs?: number;
  /**
   * Called with a resumable checkpoint after completed epochs of the run's own model (not of
   * cross-validation folds or the linear comparison), at most every `checkpointEveryMs` and always
   * after its last epoch; awaited, so a slow write holds training rather than piling up.
   */
  onCheckpoint?: (c: TrainCheckpoint) => void | Promise<void>;
  /** Least milliseconds between two checkpoints (default 0: after every epoch). */
  checkpointEveryMs?: number;
  /**
   * Goes on from this checkpoint: the same split, weights, optimizer state, epoch count and history
   * (its epochs are sent again as `epoch` events). One made for another spec or split is refused
   * with a KilnError. The backend may differ.
   */
  resumeFrom?: TrainCheckpoint;
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
  if ('columns' in data) {
    // The linear candidate's parts: the same plan, the spec with only `model` changed.
    const partsFor = (model: ModelSpec, plan: RunPlan) => tableAdapter({ ...spec, model }, data).parts(plan);
    return runPipeline(spec, withSplit(tableAdapter(spec, data), opts.split), opts, partsFor);
  }
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

/**
 * The one pipeline, for whichever data the adapter stands for. `partsFor` (tables) builds another
 * model on the same plan: a default table model is then compared with a linear one (model-choice.ts).
 */
async function runPipeline<P extends PlannedRun, T extends TrainedModel>(
  spec: PipelineSpec,
  data: DataAdapter<P, T>,
  opts: RunOptions,
  partsFor?: (model: ModelSpec, plan: P) => RunParts,
): Promise<T> {
  const emit = opts.onEvent ?? (() => {});
  const shouldStop = opts.shouldStop ?? (() => false);
  const resume = opts.resumeFrom;
  if (resume) checkResumable(resume, spec);
  emit({ status: 'initiate', message: data.preparing });
  const plan = data.plan();
  for (const message of plan.warnings) emit({ status: 'warning', message });
  const choice = await pickBackend(opts.backend ?? spec.backend, () => timeBackend(spec, plan, data.parts(plan)));
  emit({ status: 'backend', choice });
  const counts = splitCounts(plan.split);
  if (resume) checkResumable(resume, spec, counts);
  emit({ status: 'split', counts });

  const steer = { shouldStop, isPaused: opts.isPaused, task: plan.task, classes: plan.classes, epochBudgetMs: opts.epochBudgetMs, onNote: (message: string) => emit({ status: 'warning', message }) };
  // The spec's model first (its epochs are the run's curves), then the linear one when it applies.
  const candidates = (p: P): Candidate[] => {
    const model = partsFor && linearAlternative(spec.model, { kind: 'table', task: p.task, trainRows: p.split.train.length, validationRows: p.split.validation.length });
    const first: Candidate = { preset: 'mlp', spec, parts: data.parts(p) };
    return model ? [first, { preset: model.preset as Candidate['preset'], spec: { ...spec, model }, parts: partsFor(model, p) }] : [first];
  };
  // A resumed run keeps the folds it already scored.
  const folds = plan.folds;
  const crossValidation =
    resume?.crossValidation ??
    (folds ? await crossValidate(folds, (fold) => fitAndChoose(candidates(data.planFold(plan, fold)), fold, { ...steer, onEpoch: () => {} }), emit, shouldStop) : undefined);
  const onEpoch = (logs: EpochLogs) => emit({ status: 'epoch', logs, epochs: spec.train.epochs });
  const onProgress = (progress: ProgressLogs) => emit({ status: 'progress', progress });
  const onNext = (next: Candidate) => emit({ status: 'initiate', message: `Comparing with ${next.preset} regression on the validation rows` });
  const save = opts.onCheckpoint;
  const checkpoints: LoopCheckpoints = {
    resumeFrom: resume,
    everyMs: opts.checkpointEveryMs,
    save: save && ((state) => save({ version: 1, specHash: checkpointSpecHash(spec), split: counts, epochs: spec.train.epochs, ...(crossValidation ? { crossValidation } : {}), backend: choice.name, savedAt: new Date().toISOString(), ...state })),
  };
  const run = await fitAndChoose(candidates(plan), plan.split, { ...steer, onEpoch, onProgress, checkpoints }, onNext);
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
