import type { DriftThresholds } from './protocol.ts';

/**
 * The default drift thresholds (README, "Monitor"). A feature has drifted when its test is
 * significant AND the shift is large enough to matter: numeric, KS p < 0.01 with a KS statistic
 * ≥ 0.1 or PSI ≥ 0.2; text, chi-square p < 0.01 with an L∞ distance between the shares ≥ 0.1 or
 * PSI ≥ 0.2. Significance keeps small batches from false alarms; the size gate keeps huge batches
 * from flagging shifts too small to matter. Measured: no false alarm on fresh training-distribution
 * batches of 100–5000 rows over the seeds in test/unit/monitor/synthetic-drift.test.ts.
 */
export const DEFAULT_THRESHOLDS: DriftThresholds = {
  psi: 0.2,
  ksPValue: 0.01,
  ksStatistic: 0.1,
  chiSquarePValue: 0.01,
  metricDrop: 0.05,
};

/** The defaults with the caller's overrides; a non-finite or negative override is ignored. */
export function resolveThresholds(overrides: Partial<DriftThresholds> = {}): DriftThresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(out) as (keyof DriftThresholds)[]) {
    const v = overrides[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
  }
  return out;
}
