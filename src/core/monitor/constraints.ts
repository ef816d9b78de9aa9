import type { Profile } from './profile.ts';
import type { ConstraintsDocument, FeatureConstraints } from './protocol.ts';

/**
 * The monitoring_config Kiln writes, with the values Model Monitor's own baselining job writes:
 * datatype_check_threshold and domain_content_threshold are the least share of a batch's present
 * values that must have the baseline's type / lie in its domain (1.0: every value), and
 * comparison_threshold is the distribution distance (KS statistic, L∞ for text) that counts as drift.
 */
export const DEFAULT_MONITORING_CONFIG: ConstraintsDocument['monitoring_config'] = {
  evaluate_constraints: 'Enabled',
  emit_metrics: 'Enabled',
  datatype_check_threshold: 1.0,
  domain_content_threshold: 1.0,
  distribution_constraints: { perform_comparison: 'Enabled', comparison_threshold: 0.1, comparison_method: 'Robust' },
};

/** Text features with more distinct values than this get no string domain (Model Monitor lists domains "for small cardinality"). */
export const MAX_DOMAIN = 100;

/**
 * constraints.json derived from the baseline's statistics: completeness as measured, non-negative
 * numbers when the minimum is ≥ 0, and the observed values of small-cardinality text features.
 *
 * constraintsOf([profile of x ∈ [0, 3], 2 missing of 10], config).features[0]
 * // → { name: 'x', inferred_type: 'Integral', completeness: 0.8, num_constraints: { is_non_negative: true } }
 */
export function constraintsOf(profiles: readonly Profile[], config: ConstraintsDocument['monitoring_config']): ConstraintsDocument {
  return { version: 0, features: profiles.map(featureConstraints), monitoring_config: config };
}

function featureConstraints({ statistics: s }: Profile): FeatureConstraints {
  const common = (s.numerical_statistics ?? s.string_statistics)!.common;
  const total = common.num_present + common.num_missing;
  const base = { name: s.name, inferred_type: s.inferred_type, completeness: total > 0 ? common.num_present / total : 1 };
  if (s.numerical_statistics) return { ...base, num_constraints: { is_non_negative: s.numerical_statistics.min >= 0 } };
  const buckets = s.string_statistics!.distribution.categorical.buckets;
  return buckets.length <= MAX_DOMAIN ? { ...base, string_constraints: { domains: buckets.map((b) => b.value) } } : base;
}
