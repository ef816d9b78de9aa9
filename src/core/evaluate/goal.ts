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
 * The forms a target may be typed in, for the field's hint: shares take a decimal or a percentage.
 *
 * targetForms('accuracy') // → '0.9 or 90%'
 * targetForms('rmse')     // → 'a number in the label’s units, e.g. 2.5'
 */
export function targetForms(name: MetricName): string {
  const range = metricRange(name);
  if (name === 'mape') return '0.1 or 10%';
  if (name === 'logLoss') return 'a loss in nats, e.g. 0.3';
  if (!range.percent) return 'a number in the label’s units, e.g. 2.5';
  return range.min === -1 ? '0.6 or 60% (from −1 to 1)' : '0.9 or 90%';
}

/**
 * Reads a target as typed. A share metric takes a decimal (0.9) or a percentage with its sign
 * (90%); a bare number outside the share's range is refused, never guessed to be a percentage
 * ('1.5' once silently became 0.015). RMSE, MAE and median AE targets are in the label's units,
 * log loss in nats, MAPE a fraction (0.1 or '10%'). `error` always says which forms are accepted.
 *
 * readTarget('accuracy', '90%') // → { target: 0.9, note: 'read as 90% = 0.9' }
 * readTarget('accuracy', '1.5') // → { error: "1.5 is above 1: Accuracy is a share, so type 0.9 or 90% (for 1.5 percent, 1.5%)" }
 */
export function readTarget(name: MetricName, typed: string, label: string = name): { target?: number; note?: string; error?: string } {
  const text = typed.trim();
  if (text === '') return {};
  const percent = text.endsWith('%');
  const number = percent ? text.slice(0, -1).trim() : text;
  const value = number === '' ? NaN : Number(number);
  const forms = targetForms(name);
  if (!Number.isFinite(value)) return { error: `'${text}' is not a number: type ${forms}` };
  const range = metricRange(name);
  const min = range.min ?? -Infinity;
  if (!range.percent && name !== 'mape') {
    if (percent) return { error: `${label} is not a percentage: type ${forms}` };
    return value < min ? { error: `${label} cannot be below ${range.min}: type ${forms}` } : { target: value };
  }
  // Dividing by 100 in binary floating point leaves 0.07 as 0.07000000000000001; 12 digits is plenty.
  const share = percent ? Number((value / 100).toPrecision(12)) : value;
  const max = range.max ?? Infinity;
  const shown = percent ? `${value}%` : String(value);
  const low = min === -1 ? '−1' : String(min);
  if (share > max) {
    const hint = !percent && value <= 100 ? ` (for ${value} percent, ${value}%)` : '';
    return { error: `${shown} is above ${percent ? '100%' : '1'}: ${label} ${range.min === -1 ? 'lies between −1 and 1' : 'is a share'}, so type ${forms}${hint}` };
  }
  if (share < min) return { error: `${shown} is below ${percent ? `${min * 100}%` : low}: ${label} ${min === -1 ? 'lies between −1 and 1' : 'is a share'}, so type ${forms}` };
  return percent ? { target: share, note: `read as ${value}% = ${share}` } : { target: share };
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
