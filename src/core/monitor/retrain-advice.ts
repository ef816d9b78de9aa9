import type { ConceptDrift, FeatureDrift, Violation } from './protocol.ts';

/** What retraining is advised on: drift, a metric past its threshold, or classes the model never learnt. */
export interface AdviceInput {
  features: readonly FeatureDrift[];
  prediction: FeatureDrift | null;
  concept: ConceptDrift | null;
  violations: readonly Violation[];
  /** The label column, whose categorical_values_check means unseen or absent classes. */
  label: string | null;
}

/**
 * Why a batch calls for retraining, one short reason each: features or predictions that drifted,
 * the goal metric fallen by more than metricDrop or missing its target, and label classes the
 * model cannot predict. Data-quality violations (a missing or extra column, text in a number
 * column, missing values) are not reasons: a new model would not fix the data. Empty when none.
 *
 * retrainReasons({ features: [x drifted], concept: { metric: 'accuracy', baseline: 0.92, batch: 0.75, drifted: true, … }, … })
 * // → ['x drifted', 'accuracy worsened from 0.92 to 0.75 (concept drift), misses the goal 0.9']
 */
export function retrainReasons(r: AdviceInput): string[] {
  const reasons = r.features.filter((f) => f.drifted).map((f) => `${f.feature} drifted`);
  if (r.prediction?.drifted) reasons.push('the predictions drifted');
  const c = r.concept;
  if (c && (c.drifted || c.missesGoal)) {
    const parts = c.drifted ? [`worsened from ${round(c.baseline)} to ${round(c.batch)} (concept drift)`] : [`is ${round(c.batch)}`];
    if (c.missesGoal && c.target !== null) parts.push(`misses the goal ${c.target}`);
    reasons.push(`${c.metric} ${parts.join(', ')}`);
  }
  if (r.label && r.violations.some((v) => v.feature_name === r.label && v.constraint_check_type === 'categorical_values_check')) {
    reasons.push(`the '${r.label}' classes differ from training`);
  }
  return reasons;
}

function round(v: number): string {
  return String(Number(v.toPrecision(3)));
}
