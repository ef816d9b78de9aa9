import { cellText, findColumn, type Table } from '../collect/table.ts';
import { decodeLabel, encodeLabels, type LabelEncoder, type Preprocessor } from '../prepare/preprocess.ts';
import type { Predictions, SplitMetrics } from '../train/protocol.ts';
import { regressionMetrics } from './regression.ts';
import { roundProbabilities, scoreClassification } from './score-classification.ts';
import { predictClasses, type DecisionOptions } from './threshold.ts';

/**
 * Scores one split's raw outputs against its true labels, from exactly the numbers
 * describePredictions puts in predictions.csv (probabilities to 9 significant digits, regression
 * values as written), so the file reproduces every score. `options` is the spec's `evaluate`.
 */
export function scoreSplit(pre: Preprocessor, table: Table, rows: readonly number[], outputs: Float32Array, options: DecisionOptions = {}): SplitMetrics {
  if (pre.label.kind === 'classes') {
    const truth = Int32Array.from(encodeLabels(pre, table, rows));
    return { task: 'classification', metrics: scoreClassification(truth, roundProbabilities(outputs), pre.label.classes, options) };
  }
  const actual = targetValues(pre, pre.label, table, rows);
  const predicted = Array.from(outputs, (v) => Number(decodeLabel(pre, v)));
  // The target was standardised on the training rows, so their mean is `mean` (0 when scaled).
  const { mean } = pre.label;
  const baseline = { ...regressionMetrics(actual, new Float64Array(actual.length).fill(mean)), prediction: mean };
  return { task: 'regression', metrics: regressionMetrics(actual, predicted), baseline };
}

/** Row-aligned predictions for export to predictions.csv and the Evaluate panel; binary classes use the threshold. */
export function describePredictions(pre: Preprocessor, table: Table, rows: readonly number[], outputs: Float32Array, options: DecisionOptions = {}): Predictions {
  const label = findColumn(table, pre.label.name)!;
  const labels = rows.map((r) => cellText(label, r) ?? '');
  if (pre.label.kind === 'classes') {
    const classes = pre.label.classes;
    const k = classes.length;
    const probs = roundProbabilities(outputs);
    const predicted = predictClasses(probs, classes, options);
    const probabilities = rows.map((_, i) => Array.from(probs.subarray(i * k, (i + 1) * k)));
    return { rows: [...rows], labels, predictions: Array.from(predicted, (c) => classes[c]), probabilities };
  }
  return { rows: [...rows], labels, predictions: Array.from(outputs, (v) => decodeLabel(pre, v)) };
}

/**
 * The true target of each row as the file holds it: the standardised float32 label, turned back,
 * is off in the 8th digit, which would keep predictions.csv from reproducing the scores.
 */
function targetValues(pre: Preprocessor, label: Extract<LabelEncoder, { kind: 'target' }>, table: Table, rows: readonly number[]): Float64Array {
  const column = findColumn(table, label.name)!;
  const standardised = encodeLabels(pre, table, rows);
  const { mean, std } = label;
  return Float64Array.from(rows, (r, i) => {
    const text = column.type === 'numeric' ? cellText(column, r) : null;
    return text === null ? standardised[i] * std + mean : Number(text);
  });
}
