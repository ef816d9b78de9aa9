/** Precision, recall and F1 of one class against the rest. */
export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of true examples of this class. */
  support: number;
}

/** Why a metric was reported as 0 or null instead of a real score, for the UI to show beside it. */
export interface MetricNote {
  /**
   * never-predicted: precision of these classes is undefined, reported as 0;
   * absent: these classes have no true example in the split, so their recall is reported as 0;
   * auc-undefined: ROC/PR AUC cannot be computed (e.g. a single-class split);
   * auc-partial: the one-vs-rest average skips these classes;
   * kappa-undefined: chance agreement is 1 (one class everywhere), reported as 0.
   */
  code: 'never-predicted' | 'absent' | 'auc-undefined' | 'auc-partial' | 'kappa-undefined';
  /** The metric keys the note is about, e.g. ['precisionMacro', 'perClass']. */
  metrics: string[];
  classes: string[];
  message: string;
}

export interface ClassificationMetrics {
  accuracy: number;
  /** Mean recall over the classes present in the split (scikit-learn's balanced_accuracy_score). */
  balancedAccuracy: number;
  precisionMacro: number;
  recallMacro: number;
  f1Macro: number;
  /** Micro averages pool every decision; for single-label data they all equal accuracy. */
  precisionMicro: number;
  recallMicro: number;
  f1Micro: number;
  /** Per-class scores weighted by support. */
  precisionWeighted: number;
  recallWeighted: number;
  f1Weighted: number;
  cohenKappa: number;
  /** Matthews correlation, multiclass (Gorodkin's R_K) form; 0 when undefined, as scikit-learn. */
  mcc: number;
  /** Mean −ln p(true class), probabilities clipped to [1e-15, 1 − 1e-15]; null without probabilities. */
  logLoss: number | null;
  /** Binary: of the positive class; multiclass: macro one-vs-rest. Null when undefined (see notes). */
  rocAuc: number | null;
  /** Average precision (step-wise, scikit-learn's average_precision_score); same averaging as rocAuc. */
  prAuc: number | null;
  /** Expected calibration error over 10 equal-width bins of the max probability; null without probabilities. */
  ece: number | null;
  /** Binary tasks: the class the threshold, ROC and PR are about, and the threshold used; null otherwise. */
  positiveClass: string | null;
  threshold: number | null;
  perClass: ClassScores[];
  /** confusion[i][j] = examples of true class i predicted as class j. */
  confusion: number[][];
  classes: string[];
  /** Zero-division and undefined-AUC cases, said once each; empty when every score is real. */
  notes: MetricNote[];
}

export interface RegressionMetrics {
  rmse: number;
  mae: number;
  r2: number;
  /** Mean |error| / |actual| over rows whose actual value is not 0 (a fraction: 0.1 = 10%); null when all are 0. */
  mape: number | null;
  /** Rows MAPE skipped because their actual value is 0. */
  mapeSkipped: number;
  medianAe: number;
  /** 1 − Var(error) / Var(actual); like R² but blind to a constant bias. */
  explainedVariance: number;
}
