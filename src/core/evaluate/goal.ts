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

/** Metrics that are shares between 0 and 1, which people often write as percentages. */
const SHARES: ReadonlySet<MetricName> = new Set<MetricName>(['accuracy', 'f1Macro', 'precisionMacro', 'recallMacro', 'r2']);

/** The task kind a metric belongs to. */
export function metricTask(name: MetricName): 'classification' | 'regression' {
  return name === 'rmse' || name === 'mae' || name === 'r2' ? 'regression' : 'classification';
}

/**
 * Reads a target as typed: a share metric's 90 (or '90%') means 0.90, said in `note`; a share
 * outside what the metric can reach is an `error`. RMSE and MAE targets are in the label's units.
 *
 * readTarget('accuracy', '90%') // → { target: 0.9, note: 'read as 90% = 0.9' }
 * readTarget('accuracy', '1.5') // → { error: 'Accuracy is a share between 0 and 1: enter 0.9 for 90%' }
 */
export function readTarget(name: MetricName, typed: string, label: string = name): { target?: number; note?: string; error?: string } {
  const text = typed.trim();
  if (text === '') return {};
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  if (!Number.isFinite(value)) return { error: `'${typed}' is not a number` };
  if (!SHARES.has(name)) return value < 0 ? { error: `${label} cannot be below 0` } : { target: value };
  const share = percent || (value > 1 && value <= 100) ? value / 100 : value;
  if (share > 1 || (name !== 'r2' && share < 0)) return { error: `${label} is a share between 0 and 1: enter 0.9 for 90%` };
  return share === value ? { target: share } : { target: share, note: `read as ${value}% = ${share}` };
}
