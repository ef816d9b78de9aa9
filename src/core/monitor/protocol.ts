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
      /** Distance that counts as drift for text features (AWS's default: comparison_threshold). */
      categorical_comparison_threshold?: number;
      /** How text features are compared; Kiln's L∞ size gate is LInfinity (AWS's default). */
      categorical_drift_method?: 'LInfinity' | 'ChiSquared';
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

/**
 * Drift thresholds; the defaults are documented in README ("Monitor"). checkBatch divides the two
 * p-value thresholds by the number of features tested (Bonferroni) before applying them.
 */
export interface DriftThresholds {
  /** Population stability index at or above which a feature has drifted (default 0.2). */
  psi: number;
  /** Two-sample KS p-value below which a numeric feature may have drifted (default 0.01)… */
  ksPValue: number;
  /** …when its KS statistic (largest CDF gap) is also at least this (default 0.1, Model Monitor's comparison_threshold); also the L∞ share distance for categorical features. */
  ksStatistic: number;
  /** Chi-square p-value below which a categorical feature may have drifted (default 0.01)… */
  chiSquarePValue: number;
  /** Fall of the goal metric from the baseline's test value that counts as concept drift (default 0.05). */
  metricDrop: number;
}

/** Counts of baseline and batch values over the same bins, for the histogram chart. */
export interface DriftHistogram {
  /** Bin labels: "[a, b)" ranges for numbers, category values for text. */
  bins: string[];
  baseline: number[];
  batch: number[];
}

/** One feature's (or the prediction's) drift scores. */
export interface FeatureDrift {
  feature: string;
  type: 'numeric' | 'categorical';
  psi: number;
  /** Numeric features: two-sample Kolmogorov–Smirnov statistic and its asymptotic p-value. */
  ks: { statistic: number; pValue: number } | null;
  /** Categorical features: Pearson's chi-square test of homogeneity of the baseline and batch counts. */
  chiSquare: { statistic: number; df: number; pValue: number } | null;
  drifted: boolean;
  histogram: DriftHistogram;
}

/** The labelled batch's goal metric against the baseline's test value and the goal. */
export interface ConceptDrift {
  metric: string;
  baseline: number;
  batch: number;
  /** The goal's target, when the spec states one. */
  target: number | null;
  higherIsBetter: boolean;
  drifted: boolean;
  /** True when the batch value misses the goal. */
  missesGoal: boolean;
}

/** drift.json, and what the Monitor page shows for a batch. */
export interface MonitorReport {
  rows: number;
  violations: Violation[];
  /** Per-feature drift, most drifted (highest PSI) first. */
  features: FeatureDrift[];
  /** Drift of the model's predictions on the batch against its predictions on the test split. */
  prediction: FeatureDrift | null;
  /** Present when the batch carries the label column. */
  concept: ConceptDrift | null;
  thresholds: DriftThresholds;
  /** True when a feature or the predictions drifted, the goal metric crossed its threshold, or the label classes changed: offer retraining. */
  retrainAdvised: boolean;
  /** Why retraining is advised, one short reason each (retrain-advice.ts); empty when it is not. */
  retrainReasons: string[];
}
