import type { RegressionMetrics } from './types.ts';

/**
 * Root-mean-square error, mean absolute error, R² = 1 − SS_res / SS_tot, MAPE (rows with an actual
 * value of 0 skipped and counted), median absolute error and explained variance. When `yTrue` is
 * constant (SS_tot = 0), R² and explained variance are 1 for a perfect fit and 0 otherwise,
 * instead of ±Infinity/NaN. Throws on empty or mismatched input, where the means are undefined.
 *
 * regressionMetrics([1, 2, 3], [1, 2, 4]) // → { rmse: 0.577…, mae: 0.333…, r2: 0.5, mape: 0.111…, mapeSkipped: 0, medianAe: 0, explainedVariance: 0.833… }
 */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  const n = yTrue.length;
  if (n !== yPred.length) throw new RangeError(`yTrue has ${n} values but yPred has ${yPred.length}`);
  if (n === 0) throw new RangeError('cannot compute regression metrics on zero rows');

  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let ssRes = 0;
  let absSum = 0;
  let errSum = 0;
  let apeSum = 0;
  let mapeSkipped = 0;
  const absErrors = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const err = t - yPred[i];
    sum += t;
    if (t < min) min = t;
    if (t > max) max = t;
    ssRes += err * err;
    absSum += Math.abs(err);
    errSum += err;
    absErrors[i] = Math.abs(err);
    // |error| / |actual| is infinite at an actual 0: skip the row and say how many were skipped.
    if (t === 0) mapeSkipped++;
    else apeSum += Math.abs(err / t);
  }

  // Test constancy directly: the float mean of e.g. [0.1, 0.1, 0.1] is not exactly 0.1, which
  // would leave a tiny SS_tot and an absurd R² instead of the defined fallback.
  const constant = min === max;
  let ssTot = 0;
  if (!constant) {
    const mean = sum / n;
    for (let i = 0; i < n; i++) ssTot += (yTrue[i] - mean) ** 2;
  }

  // Var(error) = SS_res / n − mean(error)²: the part of the error a constant shift cannot remove.
  const errMean = errSum / n;
  let ssErr = 0;
  for (let i = 0; i < n; i++) ssErr += (yTrue[i] - yPred[i] - errMean) ** 2;

  return {
    rmse: Math.sqrt(ssRes / n),
    mae: absSum / n,
    r2: explained(ssRes, ssTot, constant),
    mape: mapeSkipped === n ? null : apeSum / (n - mapeSkipped),
    mapeSkipped,
    medianAe: median(absErrors),
    explainedVariance: explained(ssErr, ssTot, constant),
  };
}

/** 1 − residual / total sum of squares, 1 or 0 for a constant target, NaN for NaN input. */
function explained(ssResidual: number, ssTot: number, constant: boolean): number {
  if (Number.isNaN(ssResidual + ssTot)) return NaN; // a NaN input must not pass as a perfect fit
  if (constant || ssTot === 0) return ssResidual > 0 ? 0 : 1;
  return 1 - ssResidual / ssTot;
}

/** The middle value (the mean of the middle two for an even count); sorts `values` in place. */
function median(values: Float64Array): number {
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}
