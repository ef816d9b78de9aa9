import type * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../src/core/collect/image-set.ts';
import { dataFingerprint } from '../../src/core/deploy/fingerprint.ts';
import { baselineFiles, imageBaseline, imagesOf, testMetric } from '../../src/core/monitor/index.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import { describeImagePredictions, scoreImageSplit } from '../../src/core/evaluate/image-scores.ts';
import { positiveIndex } from '../../src/core/evaluate/threshold.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { planImageRun, type ImageRunPlan } from '../../src/core/train/image-plan.ts';
import { epochAugmenter } from '../augment/epoch.ts';
import type { DataAdapter, TrainedImages } from './adapter.ts';
import { exportImageModelFiles } from './export.ts';
import { imageTensors } from './image-data.ts';
import { buildCnn } from './model.ts';

/**
 * An image set in the training pipeline: a stratified seeded split, pixels uploaded scaled to
 * [0, 1], a CNN, and augmentation of the training images each epoch when the spec turns it on.
 * `predictions.rows` are image indices into `images`.
 */
export function imageAdapter(spec: PipelineSpec, images: ImageSet): DataAdapter<ImageRunPlan, TrainedImages> {
  return {
    preparing: 'Preparing images',
    plan: () => {
      const plan = planImageRun(spec, images);
      positiveIndex(plan.classes, spec.evaluate.positiveClass); // a misspelt positive class fails before training
      return plan;
    },
    planFold: (plan, fold) => ({ ...plan, split: fold }),
    parts: (plan) => ({
      tensors: (indices) => imageTensors(images, indices, plan.input),
      model: () => makeModel(spec, plan),
      score: (indices, outputs) => scoreImageSplit(images, plan.classes, indices, outputs, spec.evaluate),
      describe: (indices, outputs) => describeImagePredictions(images, plan.classes, indices, outputs, spec.evaluate),
      // Augmentation touches the training split only, on the device, seeded per epoch and batch.
      transformEpoch: epochAugmenter(spec.augment, {
        height: plan.input.height,
        width: plan.input.width,
        channels: plan.input.channels,
        batchSize: spec.train.batchSize,
        seed: spec.augment.seed ?? spec.seed,
      }),
    }),
    trained: (plan, model, result) => ({
      kind: 'images',
      result,
      model,
      image: plan.input,
      fingerprint: dataFingerprint(images),
      // The monitoring baseline (image features of the training images) travels with the model.
      files: async () => ({ ...(await exportImageModelFiles(model, plan.input, result)), ...baselineFiles(imageRunBaseline(images, plan, result)) }),
    }),
  };
}

/** The monitoring baseline of a finished image run: features of its training images, test predictions, goal metric. */
function imageRunBaseline(images: ImageSet, plan: ImageRunPlan, result: TrainResult) {
  const indices = plan.split.train;
  return imageBaseline({
    images: imagesOf(images, indices),
    rows: indices.map((_, i) => i),
    labels: indices.map((i) => images.classes[images.labels[i]]),
    classes: plan.classes,
    predictions: result.predictions.predictions,
    metric: testMetric(result),
  });
}

function makeModel(spec: PipelineSpec, plan: ImageRunPlan): tf.LayersModel {
  const { width, height, channels, classes } = plan.input;
  return buildCnn(spec.model, plan.filters, spec.train, { width, height, channels, classes: classes.length, rows: plan.split.train.length }, spec.seed);
}
