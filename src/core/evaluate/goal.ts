import type { MetricName } from '../spec/schema.ts';
import type { ClassificationMetrics, RegressionMetrics } from './types.ts';

/** Metrics where a smaller value is better; all others are better when larger. */
const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set<MetricName>(['logLoss', 'rmse', 'mae', 'mape', 'medianAe', 'ece']);

/** Metrics of regression models; every other metric scores classification. */
const REGRESSION: ReadonlySet<MetricName> = new Set<MetricName>(['rmse', 'mae', 'r2', 'mape', 'medianAe', 'explainedVariance']);

/**
 * The named metric's value, or undefined when `metrics` is of the other task kind (e.g. asking
 * classification metrics for 'rmse') or the metric is undefined here (e.g. rocAuc of a
 * single-class split, which is null).
 *
 * metricValue({ rmse: 0.5, mae: 0.4, r2: 0.9, … }, 'r2') // → 0.9
 */
export function metricValue(metrics: ClassificationMetrics | RegressionMetrics, name: MetricName): number | undefined {
  const value = (metrics as unknown as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : undefined;
}

/** True when a larger value of `name` is better (accuracy, F1, AUC, kappa, R², …); false for losses and errors. */
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

/** The task kind a metric belongs to. */
export function metricTask(name: MetricName): 'classification' | 'regression' {
  return REGRESSION.has(name) ? 'regression' : 'classification';
}

/** The values a metric can take: `percent` metrics read 90 or '90%' as 0.9. */
function metricRange(name: MetricName): { min?: number; max?: number; percent: boolean } {
  switch (name) {
    case 'r2':
    case 'explainedVariance':
      return { max: 1, percent: true };
    case 'cohenKappa':
    case 'mcc':
      return { min: -1, max: 1, percent: true };
    case 'logLoss':
    case 'rmse':
    case 'mae':
    case 'medianAe':
    case 'mape':
      return { min: 0, percent: false };
    default:
      return { min: 0, max: 1, percent: true };
  }
}

/**
 * Reads a target as typed: a share metric's 90 (or '90%') means 0.90, said in `note`; a value
 * outside what the metric can reach is an `error`. RMSE, MAE and median AE targets are in the
 * label's units, log loss in nats, MAPE a fraction (0.1 or '10%').
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
  const range = metricRange(name);
  // MAPE is a fraction that may pass 1 (200% off), so only an explicit '%' is divided by 100.
  if (name === 'mape' && percent && value >= 0) return { target: value / 100, note: `read as ${value}% = ${value / 100}` };
  if (!range.percent) return value < (range.min ?? -Infinity) ? { error: `${label} cannot be below ${range.min}` } : { target: value };
  const share = percent || (value > 1 && value <= 100) ? value / 100 : value;
  if (share > 1 || share < (range.min ?? -Infinity)) {
    return { error: range.min === -1 ? `${label} lies between −1 and 1: enter 0.6 for 60%` : `${label} is a share between 0 and 1: enter 0.9 for 90%` };
  }
  return share === value ? { target: share } : { target: share, note: `read as ${value}% = ${share}` };
}

/** The pass/fail verdict of a split's scores against the goal. */
export interface GoalVerdict {
  metric: MetricName;
  /** The metric on this split; null when it is of the other task or undefined here. */
  value: number | null;
  target: number | null;
  /** null when there is no target or no value to judge. */
  met: boolean | null;
  /** Why there is no verdict, in words; null when there is one. */
  reason: string | null;
}

/**
 * Judges `metrics` against the goal's metric and target, for any metric in the goal's list.
 *
 * goalVerdict(testMetrics, { metric: 'rmse', target: 3 }) // → { metric: 'rmse', value: 2.4, target: 3, met: true, reason: null }
 */
export function goalVerdict(metrics: ClassificationMetrics | RegressionMetrics, goal: { metric: MetricName; target?: number }): GoalVerdict {
  const { metric } = goal;
  const target = goal.target ?? null;
  const value = metricValue(metrics, metric) ?? null;
  const isClassification = 'confusion' in metrics;
  let reason: string | null = null;
  if (isClassification !== (metricTask(metric) === 'classification')) reason = `${metric} scores ${metricTask(metric)} models, but this model does ${isClassification ? 'classification' : 'regression'}`;
  else if (value === null || Number.isNaN(value)) reason = `${metric} is undefined on this split`;
  else if (target === null) reason = 'the goal sets no target';
  const met = reason === null && value !== null && target !== null ? meetsGoal(value, metric, target) : null;
  return { metric, value: value !== null && Number.isNaN(value) ? null : value, target, met, reason };
}
