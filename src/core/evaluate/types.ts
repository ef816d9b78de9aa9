/** Precision, recall and F1 of one class against the rest. */
export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of true examples of this class. */
  support: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  precisionMacro: number;
  recallMacro: number;
  f1Macro: number;
  perClass: ClassScores[];
  /** confusion[i][j] = examples of true class i predicted as class j. */
  confusion: number[][];
  classes: string[];
}

export interface RegressionMetrics {
  rmse: number;
  mae: number;
  r2: number;
}
