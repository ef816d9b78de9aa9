import type { MetricName } from '../spec/schema.ts';
import type { ClassificationMetrics, RegressionMetrics } from './types.ts';

/** Metrics where a smaller value is better; all others are better when larger. */
const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set<MetricName>(['rmse', 'mae']);

/**
 * The named metric's value, or undefined when `metrics` is of the other task kind
 * (e.g. asking classification metrics for 'rmse').
 *
 * metricValue({ rmse: 0.5, mae: 0.4, r2: 0.9 }, 'r2') // → 0.9
 */
export function metricValue(
  metrics: ClassificationMetrics | RegressionMetrics,
  name: MetricName,
): number | undefined {
  const value = (metrics as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : undefined;
}

/** True when a larger value of `name` is better (accuracy, F1, precision, recall, R²). */
export function higherIsBetter(name: MetricName): boolean {
  return !LOWER_IS_BETTER.has(name);
}

/**
 * Whether `value` reaches `target`, counting equality as reached; NaN never does.
 *
 * meetsGoal(0.95, 'accuracy', 0.9) // → true
 * meetsGoal(0.3, 'rmse', 0.25)     // → false
 */
export function meetsGoal(value: number, name: MetricName, target: number): boolean {
  return higherIsBetter(name) ? value >= target : value <= target;
}
