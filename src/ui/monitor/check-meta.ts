import type { ConstraintCheck, DriftThresholds } from '../../core/monitor/protocol.ts';

/** Model Monitor's check names, in plain words for the violations list. */
export const checkMeta: Record<ConstraintCheck, string> = {
  missing_column_check: 'A column the model needs is not in the batch',
  extra_column_check: 'The batch has a column the model never saw (it is ignored)',
  data_type_check: 'Values of another type than in training, e.g. text in a number column',
  completeness_check: 'More missing values than in the training rows',
  categorical_values_check: 'Categories the model never saw in training',
  baseline_drift_check: 'The values are distributed differently from the training rows (drift)',
};

/** Each drift threshold: its label, what it means, and the input's step. */
export const thresholdMeta: Record<keyof DriftThresholds, { label: string; help: string; step: number }> = {
  psi: { label: 'PSI at or above', help: 'Population stability index: how far the shares per bin moved. Under 0.1 is stable, 0.1–0.2 a small shift, 0.2 or more a real one.', step: 0.05 },
  ksPValue: { label: 'KS p-value below', help: 'Chance of a gap this big between the two distributions if nothing had changed. Tiny means the change is real (numbers).', step: 0.005 },
  ksStatistic: { label: 'KS statistic at least', help: 'The largest gap between the two cumulative distributions, 0 to 1 (numbers). Keeps huge batches from flagging tiny shifts.', step: 0.05 },
  chiSquarePValue: { label: 'Chi-square p-value below', help: 'Chance of category counts this far from the training shares if nothing had changed (categories).', step: 0.005 },
  metricDrop: { label: 'Metric drop of', help: 'How much worse the goal metric on a labelled batch may get than on the test rows before it counts as concept drift.', step: 0.01 },
};
