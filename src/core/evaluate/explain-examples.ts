import type { MetricName, TaskKind } from '../spec/schema.ts';
import { higherIsBetter, metricTask } from './goal.ts';

/**
 * Class index of each name in `classes` (-1 for a name that is not a class).
 *
 * classCodes(['b', 'a', 'x'], ['a', 'b']) // → Int32Array [1, 0, -1]
 */
export function classCodes(names: readonly string[], classes: readonly string[]): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  return Int32Array.from(names, (n) => index.get(n) ?? -1);
}

/**
 * Positions of the predictions in confusion cell (true class `t`, predicted class `p`): the
 * examples behind that cell's count.
 *
 * cellMembers([0, 1, 1], [0, 0, 1], 1, 0) // → [1]
 */
export function cellMembers(truth: ArrayLike<number>, predicted: ArrayLike<number>, t: number, p: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < truth.length; i++) if (truth[i] === t && predicted[i] === p) out.push(i);
  return out;
}

/** One wrong prediction and how sure the model was of it. */
export interface Mistake {
  /** Position in the predictions. */
  index: number;
  truth: number;
  predicted: number;
  /** Probability the model gave the class it predicted. */
  confidence: number;
}

/**
 * The wrong predictions the model was surest of, surest first (ties keep prediction order).
 *
 * confidentMistakes([0, 1], [1, 1], [[0.2, 0.8], [0.1, 0.9]], 5) // → [{ index: 0, truth: 0, predicted: 1, confidence: 0.8 }]
 */
export function confidentMistakes(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  probabilities: readonly (readonly number[])[],
  limit: number,
): Mistake[] {
  const wrong: Mistake[] = [];
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] !== predicted[i]) wrong.push({ index: i, truth: truth[i], predicted: predicted[i], confidence: probabilities[i]?.[predicted[i]] ?? NaN });
  }
  return wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index).slice(0, limit);
}

/**
 * The metric permutation importance scores: the goal's when it fits the task, else accuracy
 * (classification) or R² (regression).
 *
 * importanceMetric('rmse', 'classification') // → 'accuracy'
 */
export function importanceMetric(goal: MetricName, task: TaskKind): MetricName {
  if (metricTask(goal) === task) return goal;
  return task === 'classification' ? 'accuracy' : 'r2';
}

/**
 * How much worse the shuffled score is than the baseline, so positive always means "the model
 * relied on this column", whichever direction the metric improves in.
 *
 * importanceDrop('accuracy', 0.9, 0.6) // → 0.3 (up to rounding)
 * importanceDrop('rmse', 0.5, 0.8)     // → 0.3 (up to rounding)
 */
export function importanceDrop(metric: MetricName, baseline: number, shuffled: number): number {
  return higherIsBetter(metric) ? baseline - shuffled : shuffled - baseline;
}
