/**
 * The Monitor stage's documents and reports. The baseline files follow the schema of SageMaker
 * Model Monitor (statistics.json, constraints.json, constraint violations), so a team already
 * using Model Monitor can read them; Kiln's own drift scores come beside them in drift.json.
 */

/** Model Monitor's inferred types: numbers with a fraction, whole numbers, text. */
export type InferredType = 'Fractional' | 'Integral' | 'String' | 'Unknown';

/** Present and missing counts, shared by numeric and string statistics. */
export interface CommonStatistics {
  num_present: number;
  num_missing: number;
}

/** One bucket of a numeric distribution: [lower_bound, upper_bound), the last one closed. */
export interface NumericBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

/** One feature of statistics.json. */
export interface FeatureStatistics {
  name: string;
  inferred_type: InferredType;
  numerical_statistics?: {
    common: CommonStatistics;
    mean: number;
    sum: number;
    std_dev: number;
    min: number;
    max: number;
    distribution: { kll: { buckets: NumericBucket[] } };
  };
  string_statistics?: {
    common: CommonStatistics;
    distinct_count: number;
    distribution: { categorical: { buckets: { value: string; count: number }[] } };
  };
}

/** statistics.json: per-feature statistics of the training rows (and of the model's predictions). */
export interface StatisticsDocument {
  version: 0;
  dataset: { item_count: number };
  features: FeatureStatistics[];
}

/** One feature of constraints.json. */
export interface FeatureConstraints {
  name: string;
  inferred_type: InferredType;
  /** Share of rows with a value, as measured on the baseline (a batch below it violates completeness_check). */
  completeness: number;
  num_constraints?: { is_non_negative: boolean };
  string_constraints?: { domains: string[] };
}

/** constraints.json: what a batch must satisfy, and how distributions are compared. */
export interface ConstraintsDocument {
  version: 0;
  features: FeatureConstraints[];
  monitoring_config: {
    evaluate_constraints: 'Enabled' | 'Disabled';
    emit_metrics: 'Enabled' | 'Disabled';
    datatype_check_threshold: number;
    domain_content_threshold: number;
    distribution_constraints: {
      perform_comparison: 'Enabled' | 'Disabled';
      comparison_threshold: number;
      comparison_method: 'Robust' | 'Simple';
    };
  };
}

/** Model Monitor's check names. */
export type ConstraintCheck =
  | 'data_type_check'
  | 'completeness_check'
  | 'baseline_drift_check'
  | 'missing_column_check'
  | 'extra_column_check'
  | 'categorical_values_check';

/** One line of violations.json. */
export interface Violation {
  feature_name: string;
  constraint_check_type: ConstraintCheck;
  description: string;
}
