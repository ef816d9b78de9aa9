import type { RegressionMetrics } from './types.ts';

/**
 * Root-mean-square error, mean absolute error and R² = 1 − SS_res / SS_tot. When `yTrue` is
 * constant (SS_tot = 0), R² is 1 for a perfect fit and 0 otherwise, instead of ±Infinity/NaN.
 * Throws on empty or mismatched input, where the means are undefined.
 *
 * regressionMetrics([1, 2, 3], [1, 2, 4]) // → { rmse: 0.577…, mae: 0.333…, r2: 0.5 }
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
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    const err = t - yPred[i];
    sum += t;
    if (t < min) min = t;
    if (t > max) max = t;
    ssRes += err * err;
    absSum += Math.abs(err);
  }

  // Test constancy directly: the float mean of e.g. [0.1, 0.1, 0.1] is not exactly 0.1, which
  // would leave a tiny SS_tot and an absurd R² instead of the defined fallback.
  const constant = min === max;
  let ssTot = 0;
  if (!constant) {
    const mean = sum / n;
    for (let i = 0; i < n; i++) ssTot += (yTrue[i] - mean) ** 2;
  }

  let r2: number;
  if (Number.isNaN(ssRes + ssTot)) r2 = NaN; // a NaN input must not pass as a perfect fit
  else if (constant || ssTot === 0) r2 = ssRes > 0 ? 0 : 1;
  else r2 = 1 - ssRes / ssTot;

  return { rmse: Math.sqrt(ssRes / n), mae: absSum / n, r2 };
}
