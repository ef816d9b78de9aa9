import { classCodes } from '../../core/evaluate/explain-examples.ts';
import { positiveIndex, predictClasses } from '../../core/evaluate/threshold.ts';
import type { TrainResult } from '../../core/train/protocol.ts';

/** A classification run's test predictions as class indices, decided at a threshold for binary tasks. */
export interface ClassView {
  classes: string[];
  truth: Int32Array;
  /** Predicted class of each test example at the threshold (binary) or by argmax. */
  predicted: Int32Array;
  probabilities: number[][];
  /** Row-major n × classes probabilities, as the metric functions take them. */
  flat: Float64Array;
  /** Index of the positive class for binary tasks (the one ROC, PR and the threshold are about), else null. */
  positive: number | null;
  positiveClass: string | undefined;
}

/** The positive class the run's metrics and spec name, if any (the metric code defaults to the second class). */
export function namedPositive(result: TrainResult): string | undefined {
  const m = result.test.task === 'classification' ? result.test.metrics.positiveClass : null;
  return m ?? result.spec.evaluate?.positiveClass ?? undefined;
}

/** The test predictions of a classification run with binary decisions at `threshold`; null for regression. */
export function classView(result: TrainResult, threshold?: number): ClassView | null {
  if (result.test.task !== 'classification' || !result.classes) return null;
  const { classes } = result;
  const probabilities = result.predictions.probabilities ?? [];
  const k = classes.length;
  const flat = new Float64Array(probabilities.length * k);
  probabilities.forEach((p, i) => flat.set(p, i * k));
  const positiveClass = namedPositive(result);
  const positive = positiveIndex(classes, positiveClass);
  const predicted = probabilities.length === result.predictions.labels.length ? predictClasses(flat, classes, { threshold, positiveClass }) : classCodes(result.predictions.predictions, classes);
  return { classes, truth: classCodes(result.predictions.labels, classes), predicted, probabilities, flat, positive, positiveClass };
}
