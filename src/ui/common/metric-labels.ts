import type { MetricName } from '../../core/spec/schema.ts';

/** Names a person reads for each metric key. */
export const metricLabels: Record<MetricName, string> = {
  accuracy: 'Accuracy',
  f1Macro: 'Macro F1',
  precisionMacro: 'Macro precision',
  recallMacro: 'Macro recall',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
};

/** Formats a metric for display: four significant decimals, or a dash. */
export function formatMetric(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '—' : value.toFixed(4);
}
