import * as tf from '@tensorflow/tfjs';
import { epochAugmenter } from '../augment/epoch.ts';
import { dataFingerprint } from '../../src/core/deploy/fingerprint.ts';
import type { ImageSet } from '../../src/core/collect/image-set.ts';
import { describeImagePredictions, scoreImageSplit } from '../../src/core/evaluate/image-scores.ts';
import { splitCounts } from '../../src/core/split/split.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { planImageRun, type ImagePreprocessing, type ImageRunPlan } from '../../src/core/train/image-plan.ts';
import type { EpochLogs, TrainResult } from '../../src/core/train/protocol.ts';
import { measureThroughput } from './fit.ts';
import { imageTensors } from './image-data.ts';
import { crossValidate, fitAndScore, trainResult, type FittedRun } from './fitted-run.ts';
import { buildCnn, disposeModel } from './model.ts';
import { pickBackend } from './pick-backend.ts';
import type { RunOptions } from './run.ts';

/** A trained image model and the input it expects; the caller owns `model` and must dispose it. */
export interface TrainedImagePipeline {
  result: TrainResult;
  model: tf.LayersModel;
  image: ImagePreprocessing;
  /** Digest of the image set, for the export manifest. */
  fingerprint: string;
}

/**
 * The image counterpart of `trainPipeline`: plan (stratified seeded split), choose backend,
 * upload pixels scaled to [0, 1], train a CNN with the shared fit loop, evaluate on test.
 * Same options, events and result shape; `predictions.rows` are image indices into `images`.
 */
export async function trainImagePipeline(spec: PipelineSpec, images: ImageSet, opts: RunOptions = {}): Promise<TrainedImagePipeline> {
  const emit = opts.onEvent ?? (() => {});
  const shouldStop = opts.shouldStop ?? (() => false);
  emit({ status: 'initiate', message: 'Preparing images' });
  const plan = planImageRun(spec, images);
  for (const message of plan.warnings) emit({ status: 'warning', message });
  const choice = await pickBackend(opts.backend ?? spec.backend, () => timeBackend(spec, images, plan));
  emit({ status: 'backend', choice });
  const counts = splitCounts(plan.split);
  emit({ status: 'split', counts });

  const crossValidation = plan.folds
    ? await crossValidate(plan.folds, (fold) => fitPlan(spec, images, { ...plan, split: fold }, { onEpoch: () => {}, shouldStop }), emit, shouldStop)
    : undefined;
  const run = await fitPlan(spec, images, plan, { onEpoch: (logs) => emit({ status: 'epoch', logs, epochs: spec.train.epochs }), shouldStop });
  const result = trainResult({ task: 'classification', backend: choice, split: counts, classes: plan.classes, crossValidation, spec }, run);
  emit({ status: 'done', stopped: run.stopped });
  return { result, model: run.model, image: plan.input, fingerprint: dataFingerprint(images) };
}

/** Uploads a plan's splits, trains one CNN on them and scores it; the caller owns the returned model. */
function fitPlan(
  spec: PipelineSpec,
  images: ImageSet,
  plan: ImageRunPlan,
  hooks: { onEpoch: (logs: EpochLogs) => void; shouldStop: () => boolean },
): Promise<FittedRun> {
  return fitAndScore(
    spec,
    plan.split,
    {
      tensors: (indices) => imageTensors(images, indices, plan.input),
      model: () => makeModel(spec, plan),
      score: (indices, outputs) => scoreImageSplit(images, plan.classes, indices, outputs),
      describe: (indices, outputs) => describeImagePredictions(images, plan.classes, indices, outputs),
      // Augmentation touches the training split only, on the device, seeded per epoch and batch.
      transformEpoch: epochAugmenter(spec.augment, {
        height: plan.input.height,
        width: plan.input.width,
        channels: plan.input.channels,
        batchSize: spec.train.batchSize,
        seed: spec.augment.seed ?? spec.seed,
      }),
    },
    hooks,
  );
}

function makeModel(spec: PipelineSpec, plan: ImageRunPlan): tf.LayersModel {
  const { width, height, channels, classes } = plan.input;
  return buildCnn(spec.model, plan.filters, spec.train, { width, height, channels, classes: classes.length }, spec.seed);
}

/** Trains a throwaway copy of the real model on real images for a moment. */
async function timeBackend(spec: PipelineSpec, images: ImageSet, plan: ImageRunPlan): Promise<number> {
  const sample = plan.split.train.slice(0, Math.max(spec.train.batchSize, 1));
  const data = imageTensors(images, sample, plan.input);
  const model = makeModel(spec, plan);
  try {
    return await measureThroughput(model, data, spec.train.batchSize);
  } finally {
    disposeModel(model);
    tf.dispose([data.x, data.y]);
  }
}
