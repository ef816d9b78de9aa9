import { cellText, findColumn, type Table } from '../collect/table.ts';
import { decodeLabel, encodeLabels, type Preprocessor } from '../prepare/preprocess.ts';
import type { Predictions, SplitMetrics } from '../train/protocol.ts';
import { argmaxRows, classificationMetrics } from './classification.ts';
import { regressionMetrics } from './regression.ts';

/** Scores one split's raw outputs against its true labels. */
export function scoreSplit(pre: Preprocessor, table: Table, rows: readonly number[], outputs: Float32Array): SplitMetrics {
  const truth = encodeLabels(pre, table, rows);
  if (pre.label.kind === 'classes') {
    const classes = pre.label.classes;
    const predicted = argmaxRows(outputs, classes.length);
    return { task: 'classification', metrics: classificationMetrics(Int32Array.from(truth), predicted, classes) };
  }
  const { mean, std } = pre.label;
  const unscale = (v: number) => v * std + mean;
  const actual = truth.map(unscale);
  // The target was standardised on the training rows, so their mean is `mean` (0 when scaled).
  const baseline = { ...regressionMetrics(actual, new Float32Array(actual.length).fill(mean)), prediction: mean };
  return { task: 'regression', metrics: regressionMetrics(actual, outputs.map(unscale)), baseline };
}

/** Row-aligned predictions for export to predictions.csv and the Evaluate panel. */
export function describePredictions(pre: Preprocessor, table: Table, rows: readonly number[], outputs: Float32Array): Predictions {
  const label = findColumn(table, pre.label.name)!;
  const labels = rows.map((r) => cellText(label, r) ?? '');
  if (pre.label.kind === 'classes') {
    const k = pre.label.classes.length;
    const best = argmaxRows(outputs, k);
    const probabilities = rows.map((_, i) => Array.from(outputs.subarray(i * k, (i + 1) * k)));
    return { rows: [...rows], labels, predictions: Array.from(best, (c) => decodeLabel(pre, c)), probabilities };
  }
  return { rows: [...rows], labels, predictions: Array.from(outputs, (v) => decodeLabel(pre, v)) };
}
