import { describe, expect, it } from 'vitest';
import { regressionMetrics } from '../../../src/core/evaluate/regression.ts';

describe('regressionMetrics', () => {
  it('matches hand-computed values', () => {
    // errors 0.5, -0.5, 0, -1 → SS_res = 1.5, MSE = 0.375, MAE = 2/4
    // mean(yTrue) = 11.5/4 = 2.875 → SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875
    const m = regressionMetrics([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
    expect(m.rmse).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(m.mae).toBeCloseTo(0.5, 12);
    expect(m.r2).toBeCloseTo(1 - 1.5 / 29.1875, 12);
  });

  it('gives a perfect fit rmse 0, mae 0, r2 1', () => {
    expect(regressionMetrics([1, 2, 3], [1, 2, 3])).toEqual({ rmse: 0, mae: 0, r2: 1, mape: 0, mapeSkipped: 0, medianAe: 0, explainedVariance: 1 });
  });

  it("matches scikit-learn's documentation examples for MAPE, median AE and explained variance", () => {
    const m = regressionMetrics([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
    expect(m.medianAe).toBe(0.5); // |errors| 0.5, 0.5, 0, 1 → median of 0, 0.5, 0.5, 1
    expect(m.explainedVariance).toBeCloseTo(0.9571734475374732, 14);
    expect(m.mape).toBeCloseTo(0.3273809523809524, 14); // (1/6 + 1 + 0 + 1/7) / 4
    expect(m.mapeSkipped).toBe(0);
  });

  it('skips zero targets in MAPE and counts them; null when every target is 0', () => {
    // Rows 2..4: |1 − 0|/… skipped, 0/2, 1/4, 2/10 → (0 + 0.25 + 0.2) / 3 = 0.15 (by hand).
    const m = regressionMetrics([0, 2, 4, 10], [1, 2, 5, 8]);
    expect(m.mape).toBeCloseTo(0.15, 15);
    expect(m.mapeSkipped).toBe(1);
    expect(m.medianAe).toBe(1); // |errors| 1, 0, 1, 2
    expect(m.explainedVariance).toBeCloseTo(0.8928571428571429, 14); // scikit-learn 1.2
    expect(regressionMetrics([0, 0], [1, 2])).toMatchObject({ mape: null, mapeSkipped: 2, medianAe: 1.5 });
  });

  it('gives explained variance 1 for a constant bias that R² punishes', () => {
    const m = regressionMetrics([1, 2, 3], [2, 3, 4]);
    expect(m.explainedVariance).toBe(1);
    expect(m.r2).toBeCloseTo(1 - 3 / 2, 12);
  });

  it('goes negative when worse than predicting the mean', () => {
    // SS_res = 4 + 0 + 4 = 8, SS_tot = 1 + 0 + 1 = 2 → r2 = 1 - 4 = -3
    expect(regressionMetrics([1, 2, 3], [3, 2, 1]).r2).toBeCloseTo(-3, 12);
  });

  it('uses r2 = 1 / 0 for a constant target, even when its float mean is inexact', () => {
    expect(regressionMetrics([0.1, 0.1, 0.1], [0.1, 0.1, 0.1]).r2).toBe(1);
    const off = regressionMetrics([0.1, 0.1, 0.1], [0.1, 0.1, 0.4]);
    expect(off.r2).toBe(0);
    expect(off.mae).toBeCloseTo(0.1, 12);
  });

  it('accepts typed arrays and propagates NaN', () => {
    const m = regressionMetrics(Float32Array.from([1, 2]), Float64Array.from([1, 4]));
    expect(m.rmse).toBeCloseTo(Math.sqrt(2), 6);
    expect(m.mae).toBe(1);
    expect(m.r2).toBeCloseTo(1 - 4 / 0.5, 12);
    expect(regressionMetrics([1, 1], [1, NaN]).r2).toBeNaN();
  });

  it('rejects empty or mismatched input', () => {
    expect(() => regressionMetrics([], [])).toThrow(RangeError);
    expect(() => regressionMetrics([1], [1, 2])).toThrow(RangeError);
  });
});
