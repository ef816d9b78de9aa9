import { KilnError } from '../errors.ts';
import { argmaxRows, classificationMetrics } from './classification.ts';
import type { ClassificationMetrics } from './types.ts';

/** The spec's `evaluate` section as scoring reads it; both fields matter for binary tasks only. */
export interface DecisionOptions {
  threshold?: number;
  positiveClass?: string;
}

/** Threshold used when the spec gives none. */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * Index of the positive class of a binary task: `positiveClass` when named, else the second class
 * (classes are in sorted label order); null for other class counts. A name that is not a class
 * is the user's error, reported at `evaluate.positiveClass`.
 *
 * positiveIndex(['no', 'yes']) // → 1
 * positiveIndex(['ham', 'spam'], 'ham') // → 0
 */
export function positiveIndex(classes: readonly string[], positiveClass?: string): number | null {
  if (classes.length !== 2) return null;
  if (positiveClass === undefined) return 1;
  const index = classes.indexOf(positiveClass);
  if (index < 0) {
    throw new KilnError(`'${positiveClass}' is not a class of this data; the classes are ${classes.map((c) => `'${c}'`).join(' and ')}`, {
      path: 'evaluate.positiveClass',
    });
  }
  return index;
}

/**
 * The predicted class of each row of a row-major `n × classes.length` probability matrix: for a
 * binary task the positive class when its probability is ≥ the threshold (the convention of the
 * ROC curve's thresholds), otherwise the most probable class (ties: the first).
 *
 * predictClasses([0.6, 0.4, 0.3, 0.7], ['no', 'yes'], { threshold: 0.35 }) // → Int32Array [1, 1]
 */
export function predictClasses(probs: ArrayLike<number>, classes: readonly string[], options: DecisionOptions = {}): Int32Array {
  const positive = positiveIndex(classes, options.positiveClass);
  if (positive === null) return argmaxRows(probs, classes.length);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const out = new Int32Array(probs.length / 2);
  for (let r = 0; r < out.length; r++) out[r] = probs[r * 2 + positive] >= threshold ? positive : 1 - positive;
  return out;
}

/** What the threshold slider shows: the class-decision scores at one threshold. */
export interface ThresholdScores {
  threshold: number;
  positiveClass: string;
  /** Of the positive class. */
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Every class-decision score at this threshold (confusion in class order, notes included). */
  metrics: ClassificationMetrics;
}

/**
 * Precision, recall, F1 and the confusion of a binary task at `threshold`; cheap enough (one
 * pass) to call on every move of a slider.
 *
 * thresholdScores([0, 0, 1, 1], [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8], ['no', 'yes'], 0.5)
 * // → { precision: 1, recall: 0.5, f1: 0.666…, tp: 1, fp: 0, fn: 1, tn: 2, … }
 */
export function thresholdScores(yTrue: ArrayLike<number>, probs: ArrayLike<number>, classes: readonly string[], threshold: number, positiveClass?: string): ThresholdScores {
  const positive = positiveIndex(classes, positiveClass);
  if (positive === null) throw new RangeError(`a threshold applies to 2 classes, not ${classes.length}`);
  const metrics = classificationMetrics(yTrue, predictClasses(probs, classes, { threshold, positiveClass }), classes);
  const negative = 1 - positive;
  const { precision, recall, f1 } = metrics.perClass[positive];
  const c = metrics.confusion;
  return {
    threshold,
    positiveClass: classes[positive],
    precision,
    recall,
    f1,
    tp: c[positive][positive],
    fp: c[negative][positive],
    fn: c[positive][negative],
    tn: c[negative][negative],
    metrics: { ...metrics, positiveClass: classes[positive], threshold },
  };
}
