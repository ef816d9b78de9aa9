import type { Profile } from './profile.ts';
import type { ConstraintsDocument, FeatureConstraints } from './protocol.ts';

/**
 * The monitoring_config Kiln writes, checked against AWS's constraints.json schema page
 * (docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-byoc-constraints.html): every key of its
 * example, with its documented defaults for the distribution comparison (comparison_threshold 0.1,
 * categorical_comparison_threshold = comparison_threshold, categorical_drift_method LInfinity) and
 * Robust (the KS-based linf_robust, which Kiln's KS test is). datatype_check_threshold and
 * domain_content_threshold are 1.0, not the page's 0.1: they are the least share of values that
 * must have the baseline's type / lie in its domain, and 1.0 is what Model Monitor's own baselining
 * job writes (its violations read "Expected match: 100.0%"); 0.1 would pass a column 90% text.
 */
export const DEFAULT_MONITORING_CONFIG: ConstraintsDocument['monitoring_config'] = {
  evaluate_constraints: 'Enabled',
  emit_metrics: 'Enabled',
  datatype_check_threshold: 1.0,
  domain_content_threshold: 1.0,
  distribution_constraints: {
    perform_comparison: 'Enabled',
    comparison_threshold: 0.1,
    comparison_method: 'Robust',
    categorical_comparison_threshold: 0.1,
    categorical_drift_method: 'LInfinity',
  },
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
