import { classificationMetrics } from '../evaluate/classification.ts';
import { meetsGoal, metricValue } from '../evaluate/goal.ts';
import { regressionMetrics } from '../evaluate/regression.ts';
import { scoreClassification } from '../evaluate/score-classification.ts';
import type { MetricName, TaskKind } from '../spec/schema.ts';
import type { BaselineMetric } from './baseline.ts';
import type { ConceptDrift, DriftThresholds } from './protocol.ts';

/** Metrics that need class probabilities rather than predicted classes. */
const PROBABILITY_METRICS: ReadonlySet<MetricName> = new Set<MetricName>(['logLoss', 'rocAuc', 'prAuc', 'ece']);

/** Labelled batch rows: true labels and predictions as text, and probabilities when the model gives them. */
export interface LabelledRows {
  labels: readonly string[];
  predictions: readonly string[];
  /** Per row, in `classes` order; needed for logLoss, rocAuc, prAuc and ece. */
  probabilities?: readonly (readonly number[])[];
}

/**
 * The goal metric on labelled rows, through src/core/evaluate; undefined when it cannot be
 * computed here (no rows, a probability metric without probabilities, a label outside `classes`).
 *
 * batchMetric('accuracy', 'classification', ['a', 'b'], { labels: ['a', 'b'], predictions: ['a', 'a'] }) // → 0.5
 * batchMetric('rmse', 'regression', null, { labels: ['1', '2'], predictions: ['1', '4'] })               // → 1.414…
 */
export function batchMetric(name: MetricName, task: TaskKind, classes: readonly string[] | null, rows: LabelledRows, positiveClass?: string | null): number | undefined {
  const n = rows.labels.length;
  if (n === 0 || rows.predictions.length !== n) return undefined;
  if (task === 'regression') return metricValue(regressionMetrics(rows.labels.map(Number), rows.predictions.map(Number)), name);
  if (!classes) return undefined;
  const index = new Map(classes.map((c, i) => [c, i]));
  const yTrue = rows.labels.map((l) => index.get(l) ?? -1);
  if (yTrue.some((i) => i < 0)) return undefined;
  if (PROBABILITY_METRICS.has(name)) {
    const probs = rows.probabilities;
    if (!probs || probs.length !== n) return undefined;
    return metricValue(scoreClassification(yTrue, probs.flat(), classes, { positiveClass: positiveClass ?? undefined }), name);
  }
  const yPred = rows.predictions.map((p) => index.get(p) ?? -1);
  if (yPred.some((i) => i < 0)) return undefined;
  return metricValue(classificationMetrics(yTrue, yPred, classes), name);
}

/**
 * The batch's metric against the baseline's: drifted when it is worse by more than metricDrop
 * (absolute for shares such as accuracy or R², relative for errors such as RMSE, whose units are
 * the label's), and missesGoal when it fails the goal's target.
 *
 * conceptDrift({ name: 'accuracy', value: 0.9, higherIsBetter: true, target: 0.85 }, 0.8, thresholds)
 * // → { metric: 'accuracy', baseline: 0.9, batch: 0.8, target: 0.85, higherIsBetter: true, drifted: true, missesGoal: true }
 */
export function conceptDrift(metric: BaselineMetric, batch: number, t: DriftThresholds): ConceptDrift {
  const { name, value, higherIsBetter, target } = metric;
  const drifted = higherIsBetter ? batch < value - t.metricDrop : batch > value * (1 + t.metricDrop) + (value === 0 ? t.metricDrop : 0);
  return { metric: name, baseline: value, batch, target, higherIsBetter, drifted, missesGoal: target !== null && !meetsGoal(batch, name, target) };
}
