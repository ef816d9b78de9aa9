import { argmaxRows } from '../../evaluate/classification.ts';
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
 * Turns the network's raw outputs for `rows` rows into predictions: the most probable class (ties
 * go to the first, as in the training report) or the de-standardised target.
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
  const best = argmaxRows(outputs, k);
  return Array.from(best, (c, r) => ({ prediction: classes[c], probabilities: Array.from(outputs.subarray(r * k, (r + 1) * k)) }));
}
