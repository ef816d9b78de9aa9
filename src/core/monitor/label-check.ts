import { cellText, findColumn, type Table } from '../collect/table.ts';
import type { Baseline } from './baseline.ts';
import type { CheckOptions } from './check.ts';
import type { LabelledRows } from './concept.ts';
import { categoricalDrift, numericDrift } from './drift.ts';
import type { DriftThresholds, FeatureDrift, Violation } from './protocol.ts';

/**
 * The label column of a labelled batch: classes the model was never trained on become a
 * categorical_values_check on the label (whatever domain_content_threshold says: the model cannot
 * ever predict them), and so does a class the batch lacks although its training share makes at
 * least MIN_EXPECTED of them expected (absent by chance with probability ≤ e⁻⁵ ≈ 0.7%). The rows
 * with a known label and a prediction are returned for the metric.
 *
 * labelCheck(baseline, batch, { predictions }) // → { violations: [], rows: { labels: ['a', …], predictions: ['a', …] } }
 */
export function labelCheck(baseline: Baseline, batch: Table, options: CheckOptions): { violations: Violation[]; rows: LabelledRows | null } {
  const column = baseline.label ? findColumn(batch, baseline.label) : undefined;
  if (!baseline.label || !column) return { violations: [], rows: null };
  const violations: Violation[] = [];
  const known = baseline.classes ? new Set(baseline.classes) : null;
  const unseen = new Map<string, number>();
  const seen = new Map<string, number>();
  const labels: string[] = [];
  const predictions: string[] = [];
  const probabilities: (readonly number[])[] = [];
  const probs = options.probabilities;
  for (let i = 0; i < batch.rowCount; i++) {
    const label = cellText(column, i);
    if (label === null) continue;
    if (known && !known.has(label)) {
      unseen.set(label, (unseen.get(label) ?? 0) + 1);
      continue;
    }
    seen.set(label, (seen.get(label) ?? 0) + 1);
    const p = options.predictions?.[i];
    if (p === null || p === undefined) continue;
    labels.push(label);
    predictions.push(String(p));
    const row = probs?.[i];
    if (row) probabilities.push(row);
  }
  if (unseen.size > 0) {
    const list = [...unseen].map(([v, k]) => `'${v}' (${k} row${k === 1 ? '' : 's'})`).join(', ');
    violations.push({
      feature_name: baseline.label,
      constraint_check_type: 'categorical_values_check',
      description: `the batch's labels include classes the model was never trained on: ${list}; it cannot predict them, so retrain with labelled examples of them`,
    });
  }
  const absent = absentClasses(baseline.classCounts, seen);
  if (absent.length > 0) {
    const n = sumOf(seen);
    violations.push({
      feature_name: baseline.label,
      constraint_check_type: 'categorical_values_check',
      description: `the batch's ${n} labelled rows have no ${absent.map(([c, e]) => `'${c}' (about ${Math.round(e)} expected from training)`).join(', ')}; its metric says nothing about them, and a model retrained on this batch alone would not learn them`,
    });
  }
  if (!options.predictions || labels.length === 0) return { violations, rows: null };
  return { violations, rows: { labels, predictions, probabilities: probabilities.length === labels.length ? probabilities : undefined } };
}

/** A class absent from the batch is flagged when at least this many were expected. */
export const MIN_EXPECTED = 5;

/** Trained classes with no batch row although their training share × the batch's labelled rows ≥ MIN_EXPECTED, with that expectation. */
function absentClasses(counts: Baseline['classCounts'], seen: Map<string, number>): [string, number][] {
  if (!counts) return [];
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const n = sumOf(seen);
  if (total === 0) return [];
  return Object.entries(counts)
    .map(([c, k]): [string, number] => [c, (k / total) * n])
    .filter(([c, expected]) => !seen.has(c) && expected >= MIN_EXPECTED);
}

function sumOf(counts: Map<string, number>): number {
  let s = 0;
  for (const v of counts.values()) s += v;
  return s;
}

/**
 * Drift of the model's predictions on the batch against its predictions on the test split: over
 * the classes for a classifier, KS and PSI for a regression model. Null without predictions.
 */
export function predictionDrift(baseline: Baseline, predictions: CheckOptions['predictions'], t: DriftThresholds): FeatureDrift | null {
  if (!predictions || !baseline.prediction) return null;
  const present = predictions.filter((p): p is string | number => p !== null && p !== undefined);
  if (present.length === 0) return null;
  const buckets = baseline.prediction.string_statistics?.distribution.categorical.buckets;
  if (buckets) {
    // A class the model predicts but never did on the test split still counts, as its own bin.
    const all = [...buckets];
    for (const p of present) if (!all.some((b) => b.value === String(p))) all.push({ value: String(p), count: 0 });
    return categoricalDrift('prediction', all, present.map(String), t);
  }
  if (!baseline.predictionSample) return null;
  return numericDrift('prediction', baseline.predictionSample, present.map(Number), t);
}
