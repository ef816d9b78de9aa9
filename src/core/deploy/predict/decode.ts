import { roundProbabilities } from '../../evaluate/score-classification.ts';
import { DEFAULT_THRESHOLD, predictClasses, type DecisionOptions } from '../../evaluate/threshold.ts';
import { decodeLabel } from '../../prepare/preprocess.ts';
import type { ModelDoc } from '../model-doc.ts';

/** One row's answer: the class name (with every class's probability) or the regression value. */
export interface RowPrediction {
  prediction: string | number;
  /** In `modelClasses(doc)` order; null for regression. */
  probabilities: number[] | null;
}

/** Class names in output order, or null for a regression model. */
export function modelClasses(doc: ModelDoc): string[] | null {
  return doc.classes;
}

/** Numbers the network returns per row: one per class, or 1 for regression. */
export function outputWidth(doc: ModelDoc): number {
  return modelClasses(doc)?.length ?? 1;
}

/**
 * The class decision a model was saved with: its spec's `evaluate` threshold and positive class
 * (binary models only), or the defaults for a model saved before the spec had them.
 *
 * decisionOf(churnDoc) // → { threshold: 0.3, positiveClass: 'yes' }
 */
export function decisionOf(doc: ModelDoc): Required<Pick<DecisionOptions, 'threshold'>> & DecisionOptions {
  // The saved spec is carried unchecked (see model-doc-parse.ts), so read it defensively.
  const saved = (doc.spec as { evaluate?: { threshold?: unknown; positiveClass?: unknown } } | undefined)?.evaluate;
  const threshold = typeof saved?.threshold === 'number' ? saved.threshold : DEFAULT_THRESHOLD;
  return typeof saved?.positiveClass === 'string' ? { threshold, positiveClass: saved.positiveClass } : { threshold };
}

/**
 * Turns the network's raw outputs for `rows` rows into predictions: for a binary model the
 * positive class when its probability reaches the saved threshold, otherwise the most probable
 * class (ties go to the first), decided exactly as in the training report; or the
 * de-standardised target.
 *
 * decodeOutputs(irisDoc, Float32Array.of(0.9, 0.08, 0.02), 1)
 * // → [{ prediction: 'setosa', probabilities: [0.9, 0.08, 0.02] }]
 * decodeOutputs(carsDoc, Float32Array.of(0.5), 1) // → [{ prediction: 27.15, probabilities: null }]
 */
export function decodeOutputs(doc: ModelDoc, outputs: Float32Array, rows: number): RowPrediction[] {
  const classes = modelClasses(doc);
  const k = outputWidth(doc);
  if (outputs.length !== rows * k) throw new RangeError(`expected ${rows * k} outputs for ${rows} rows, got ${outputs.length}`);
  if (!classes) {
    if (doc.kind !== 'table') throw new Error('an image model always has classes');
    return Array.from(outputs, (v) => ({ prediction: Number(decodeLabel(doc.preprocessor, v)), probabilities: null }));
  }
  // Decide on the probabilities as predictions.csv rounds them, so a row at the threshold goes the same way as in the report.
  const best = predictClasses(roundProbabilities(outputs), classes, decisionOf(doc));
  return Array.from(best, (c, r) => ({ prediction: classes[c], probabilities: Array.from(outputs.subarray(r * k, (r + 1) * k)) }));
}
