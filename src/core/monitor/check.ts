import { parseNumber } from '../collect/infer.ts';
import { cellText, findColumn, type Column, type Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import type { Baseline } from './baseline.ts';
import { batchMetric, conceptDrift } from './concept.ts';
import { categoricalDrift, numericDrift } from './drift.ts';
import { labelCheck, predictionDrift } from './label-check.ts';
import type { DriftThresholds, FeatureConstraints, FeatureDrift, FeatureStatistics, MonitorReport, Violation } from './protocol.ts';
import { retrainReasons } from './retrain-advice.ts';
import { resolveThresholds } from './thresholds.ts';

/** What checkBatch may know besides the batch table. */
export interface CheckOptions {
  /** The model's prediction for each batch row, as text or number; null where it could not predict. */
  predictions?: readonly (string | number | null)[];
  /** Per row, class probabilities in the baseline's class order (for logLoss, rocAuc, prAuc, ece goals). */
  probabilities?: readonly (readonly number[] | null)[];
  thresholds?: Partial<DriftThresholds>;
}

/**
 * Checks a batch against a baseline with Model Monitor's checks (missing_column_check,
 * extra_column_check, data_type_check, completeness_check, categorical_values_check,
 * baseline_drift_check), scores per-feature drift, prediction drift when `predictions` are given,
 * and concept drift when the batch carries the label column. Bad data never throws: it becomes a
 * violation. Only an empty batch does, as a KilnError.
 *
 * checkBatch(baseline, parseCsv(text, 'may.csv'), { predictions: ['a', 'b', …] })
 * // → { rows: 500, violations: [{ feature_name: 'x', constraint_check_type: 'baseline_drift_check', … }], features: […], prediction: {…}, concept: null, … }
 */
export function checkBatch(baseline: Baseline, batch: Table, options: CheckOptions = {}): MonitorReport {
  if (batch.rowCount === 0) throw new KilnError('the batch has no data rows; give a CSV with a header row and at least one row of data', { file: batch.source });
  const t = resolveThresholds(options.thresholds);
  const config = baseline.constraints.monitoring_config;
  const violations: Violation[] = [];
  const features: FeatureDrift[] = [];
  const stats = new Map(baseline.statistics.features.map((f) => [f.name, f]));
  const perTest = bonferroni(t, baseline.constraints.features.filter((f) => findColumn(batch, f.name)).length + (options.predictions && baseline.prediction ? 1 : 0));
  for (const constraint of baseline.constraints.features) {
    const column = findColumn(batch, constraint.name);
    if (!column) {
      violations.push(missing(constraint.name, batch.source));
      continue;
    }
    const statistics = stats.get(constraint.name);
    const checked = statistics?.numerical_statistics
      ? numericFeature(column, constraint, baseline.samples[constraint.name] ?? [], config.datatype_check_threshold, perTest)
      : textFeature(column, constraint, statistics, config.domain_content_threshold, perTest);
    violations.push(...checked.violations);
    if (checked.drift) features.push(checked.drift);
  }
  const known = new Set([...baseline.constraints.features.map((f) => f.name), ...baseline.ignored, ...(baseline.label ? [baseline.label] : [])]);
  for (const column of batch.columns) {
    if (!known.has(column.name)) {
      violations.push({ feature_name: column.name, constraint_check_type: 'extra_column_check', description: `the batch has a column '${column.name}' that the baseline does not; the model ignores it` });
    }
  }
  for (const f of features) {
    if (f.drifted) violations.push({ feature_name: f.feature, constraint_check_type: 'baseline_drift_check', description: driftText(f, perTest) });
  }
  features.sort((a, b) => b.psi - a.psi);
  const label = labelCheck(baseline, batch, options);
  violations.push(...label.violations);
  const prediction = predictionDrift(baseline, options.predictions, perTest);
  const concept = label.rows && baseline.metric ? conceptOf(baseline, label.rows, t) : null;
  const reasons = retrainReasons({ features, prediction, concept, violations, label: baseline.label });
  return {
    rows: batch.rowCount,
    violations,
    features,
    prediction,
    concept,
    thresholds: t,
    retrainAdvised: reasons.length > 0,
    retrainReasons: reasons,
  };
}

function conceptOf(baseline: Baseline, rows: NonNullable<ReturnType<typeof labelCheck>['rows']>, t: DriftThresholds) {
  const metric = baseline.metric!;
  const value = batchMetric(metric.name, baseline.task, baseline.classes, rows, metric.positiveClass);
  return value === undefined || !Number.isFinite(value) ? null : conceptDrift(metric, value, t);
}

/**
 * The thresholds each of `tests` drift tests is held to: the p-value thresholds divided by the
 * number of tests (Bonferroni), so the chance that a batch from the training distribution raises
 * any drift alarm stays under the p-value threshold however many features the model reads.
 */
function bonferroni(t: DriftThresholds, tests: number): DriftThresholds {
  const m = Math.max(1, tests);
  return { ...t, ksPValue: t.ksPValue / m, chiSquarePValue: t.chiSquarePValue / m };
}

function missing(name: string, source: string): Violation {
  return { feature_name: name, constraint_check_type: 'missing_column_check', description: `the baseline has a column '${name}' that ${source} lacks; the model cannot predict rows without it` };
}

interface Checked {
  violations: Violation[];
  drift: FeatureDrift | null;
}

/** A numeric baseline feature: text cells (the CSV parser made the column categorical) are a data_type_check, not a crash. */
function numericFeature(column: Column, c: FeatureConstraints, sample: readonly number[], typeThreshold: number, t: DriftThresholds): Checked {
  const n = column.type === 'numeric' ? column.values.length : column.codes.length;
  const values: number[] = [];
  const text = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const cell = cellText(column, i);
    if (cell === null) continue;
    const v = column.type === 'numeric' ? column.values[i] : parseNumber(cell);
    if (v === null || !Number.isFinite(v)) text.set(cell, (text.get(cell) ?? 0) + 1);
    else values.push(v);
  }
  const present = values.length + sum(text);
  const violations: Violation[] = [];
  if (present > 0 && values.length / present < typeThreshold) {
    violations.push({
      feature_name: c.name,
      constraint_check_type: 'data_type_check',
      description: `${sum(text)} of ${present} values are not numbers (${examples(text)}) but the baseline's type is ${c.inferred_type}; they are left out of the drift scores`,
    });
  }
  violations.push(...completeness(c, present, n));
  return { violations, drift: values.length > 0 && sample.length > 0 ? numericDrift(c.name, sample, values, t) : null };
}

/** A text baseline feature: values outside its domain are a categorical_values_check. */
function textFeature(column: Column, c: FeatureConstraints, s: FeatureStatistics | undefined, domainThreshold: number, t: DriftThresholds): Checked {
  const n = column.type === 'numeric' ? column.values.length : column.codes.length;
  const cells = Array.from({ length: n }, (_, i) => cellText(column, i));
  const present = cells.filter((v) => v !== null).length;
  const violations = completeness(c, present, n);
  const domain = c.string_constraints?.domains;
  if (domain && present > 0) {
    const known = new Set(domain);
    const unseen = new Map<string, number>();
    for (const v of cells) if (v !== null && !known.has(v)) unseen.set(v, (unseen.get(v) ?? 0) + 1);
    if ((present - sum(unseen)) / present < domainThreshold) {
      violations.push({
        feature_name: c.name,
        constraint_check_type: 'categorical_values_check',
        description: `${sum(unseen)} of ${present} values are not in the baseline's domain: ${examples(unseen)}`,
      });
    }
  }
  const buckets = s?.string_statistics?.distribution.categorical.buckets ?? [];
  return { violations, drift: present > 0 && buckets.length > 0 ? categoricalDrift(c.name, buckets, cells, t) : null };
}

/**
 * completeness_check: the batch's share of present values falls below the baseline's by more than
 * three standard errors of a batch of this size (none at all when the baseline was complete).
 */
function completeness(c: FeatureConstraints, present: number, n: number): Violation[] {
  const share = n > 0 ? present / n : 1;
  const allowance = 3 * Math.sqrt((c.completeness * (1 - c.completeness)) / Math.max(n, 1));
  if (share >= c.completeness - allowance) return [];
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  return [{ feature_name: c.name, constraint_check_type: 'completeness_check', description: `${pct(share)} of rows have a value (${n - present} missing of ${n}); the baseline had ${pct(c.completeness)}` }];
}

function driftText(f: FeatureDrift, t: DriftThresholds): string {
  const p = (v: number) => (v < 1e-4 ? v.toExponential(1) : v.toFixed(4));
  const test = f.ks ? `KS ${f.ks.statistic.toFixed(3)} (p = ${p(f.ks.pValue)})` : `chi-square ${f.chiSquare!.statistic.toFixed(1)}, df ${f.chiSquare!.df} (p = ${p(f.chiSquare!.pValue)})`;
  return `distribution differs from the baseline: PSI ${f.psi.toFixed(3)}, ${test}; drift means PSI ≥ ${t.psi} or distance ≥ ${t.ksStatistic}, with p < ${p(f.ks ? t.ksPValue : t.chiSquarePValue)} (the p threshold split over the features tested)`;
}

function sum(counts: Map<string, number>): number {
  let s = 0;
  for (const v of counts.values()) s += v;
  return s;
}

/** "'abc' (3), 'x' (1)…": the most frequent few, so a long list stays readable. */
export function examples(counts: Map<string, number>, max = 5): string {
  const top = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = top.slice(0, max).map(([v, k]) => `'${v}' (${k})`);
  return shown.join(', ') + (top.length > max ? `, and ${top.length - max} more` : '');
}
