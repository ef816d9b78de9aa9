import type { ImageSet } from '../collect/image-set.ts';
import type { Predictions, SplitMetrics } from '../train/protocol.ts';
import { argmaxRows, classificationMetrics } from './classification.ts';

/** True class index of each image at `indices`. */
export function imageLabels(set: Pick<ImageSet, 'labels'>, indices: readonly number[]): Int32Array {
  return Int32Array.from(indices, (i) => set.labels[i]);
}

/** Scores the images at `indices` from the model's class probabilities (one row of `classes.length` each). */
export function scoreImageSplit(set: Pick<ImageSet, 'labels'>, classes: readonly string[], indices: readonly number[], outputs: Float32Array): SplitMetrics {
  const predicted = argmaxRows(outputs, classes.length);
  return { task: 'classification', metrics: classificationMetrics(imageLabels(set, indices), predicted, classes) };
}

/**
 * Test predictions by image index, with class names and probabilities.
 *
 * describeImagePredictions(set, ['circle', 'square'], [4, 9], Float32Array.of(0.9, 0.1, 0.3, 0.7))
 * // → { rows: [4, 9], labels: ['circle', 'circle'], predictions: ['circle', 'square'], probabilities: [[0.9, 0.1], [0.3, 0.7]] }
 */
export function describeImagePredictions(set: Pick<ImageSet, 'labels'>, classes: readonly string[], indices: readonly number[], outputs: Float32Array): Predictions {
  const k = classes.length;
  const best = argmaxRows(outputs, k);
  return {
    rows: [...indices],
    labels: Array.from(imageLabels(set, indices), (c) => classes[c]),
    predictions: Array.from(best, (c) => classes[c]),
    probabilities: indices.map((_, i) => Array.from(outputs.subarray(i * k, (i + 1) * k))),
  };
}
