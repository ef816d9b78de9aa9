import type { MetricName } from '../../core/spec/schema.ts';

/** Names a person reads for each metric key. */
export const metricLabels: Record<MetricName, string> = {
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  f1Macro: 'Macro F1',
  f1Micro: 'Micro F1',
  f1Weighted: 'Weighted F1',
  precisionMacro: 'Macro precision',
  precisionMicro: 'Micro precision',
  precisionWeighted: 'Weighted precision',
  recallMacro: 'Macro recall',
  recallMicro: 'Micro recall',
  recallWeighted: 'Weighted recall',
  logLoss: 'Log loss',
  cohenKappa: "Cohen's kappa",
  mcc: 'Matthews correlation',
  rocAuc: 'ROC AUC',
  prAuc: 'PR AUC (average precision)',
  ece: 'Expected calibration error',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
  mape: 'MAPE',
  medianAe: 'Median absolute error',
  explainedVariance: 'Explained variance',
};

/** Formats a metric for display: four significant decimals, or a dash. */
export function formatMetric(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '—' : value.toFixed(4);
}
