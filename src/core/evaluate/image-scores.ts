import type { ImageSet } from '../collect/image-set.ts';
import type { Predictions, SplitMetrics } from '../train/protocol.ts';
import { roundProbabilities, scoreClassification } from './score-classification.ts';
import { predictClasses, type DecisionOptions } from './threshold.ts';

/** True class index of each image at `indices`. */
export function imageLabels(set: Pick<ImageSet, 'labels'>, indices: readonly number[]): Int32Array {
  return Int32Array.from(indices, (i) => set.labels[i]);
}

/**
 * Scores the images at `indices` from the model's class probabilities (one row of `classes.length`
 * each), rounded as predictions.csv holds them; `options` is the spec's `evaluate`.
 */
export function scoreImageSplit(set: Pick<ImageSet, 'labels'>, classes: readonly string[], indices: readonly number[], outputs: Float32Array, options: DecisionOptions = {}): SplitMetrics {
  return { task: 'classification', metrics: scoreClassification(imageLabels(set, indices), roundProbabilities(outputs), classes, options) };
}

/**
 * Test predictions by image index, with class names and probabilities (9 significant digits).
 *
 * describeImagePredictions(set, ['circle', 'square'], [4, 9], Float32Array.of(0.9, 0.1, 0.3, 0.7))
 * // → { rows: [4, 9], labels: ['circle', 'circle'], predictions: ['circle', 'square'], probabilities: [[0.899999976, 0.100000001], [0.300000012, 0.699999988]] }
 */
export function describeImagePredictions(
  set: Pick<ImageSet, 'labels'>,
  classes: readonly string[],
  indices: readonly number[],
  outputs: Float32Array,
  options: DecisionOptions = {},
): Predictions {
  const k = classes.length;
  const probs = roundProbabilities(outputs);
  const predicted = predictClasses(probs, classes, options);
  return {
    rows: [...indices],
    labels: Array.from(imageLabels(set, indices), (c) => classes[c]),
    predictions: Array.from(predicted, (c) => classes[c]),
    probabilities: indices.map((_, i) => Array.from(probs.subarray(i * k, (i + 1) * k))),
  };
}
