import { cholesky, solveLower, solveUpperTransposed } from './linear-algebra.ts';

/** A fitted surrogate: posterior mean and standard deviation, in the units of the observations. */
export interface GaussianProcess {
  predict(x: readonly number[]): { mean: number; std: number };
  /** The length scale and noise the marginal likelihood chose. */
  lengthScale: number;
  noise: number;
}

/** Length scales tried in the unit cube: from very local to nearly linear trends. */
const lengthScales = [0.08, 0.15, 0.25, 0.4, 0.7, 1.2, 2];
/** Noise variances (relative to the standardised signal): from near-exact to noisy validation scores. */
const noises = [1e-6, 1e-4, 1e-2, 1e-1];

/**
 * Matérn 5/2 covariance at distance r: twice differentiable, the usual choice for
 * hyperparameter surfaces (smoother RBF tends to be overconfident between trials).
 *
 * matern52(0, 0.3) // → 1
 */
export function matern52(r: number, lengthScale: number): number {
  const s = (Math.sqrt(5) * r) / lengthScale;
  return (1 + s + (s * s) / 3) * Math.exp(-s);
}

/**
 * Fits a zero-mean GP with a Matérn 5/2 kernel to standardised y, choosing the length scale and
 * noise from a small grid by log marginal likelihood (cheaper and steadier than gradient fits on
 * a dozen points).
 *
 * fitGaussianProcess([[0], [1]], [0, 1]).predict([0]).mean // → ≈ 0
 */
export function fitGaussianProcess(xs: readonly (readonly number[])[], ys: readonly number[]): GaussianProcess {
  const n = ys.length;
  const mean = ys.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / n) || 1;
  const z = ys.map((y) => (y - mean) / sd);
  const dist = xs.map((a) => xs.map((b) => distance(a, b)));

  let best: { l: number[][]; alpha: number[]; lengthScale: number; noise: number; score: number } | null = null;
  for (const lengthScale of lengthScales) {
    for (const noise of noises) {
      const k = dist.map((row, i) => row.map((r, j) => matern52(r, lengthScale) + (i === j ? noise : 0)));
      const l = cholesky(k);
      if (!l) continue;
      const alpha = solveUpperTransposed(l, solveLower(l, z));
      let logDet = 0;
      for (let i = 0; i < n; i++) logDet += Math.log(l[i][i]);
      const score = -0.5 * z.reduce((a, zi, i) => a + zi * alpha[i], 0) - logDet;
      if (!best || score > best.score) best = { l, alpha, lengthScale, noise, score };
    }
  }
  if (!best) throw new Error('no kernel setting gave a positive-definite covariance');
  const { l, alpha, lengthScale, noise } = best;

  return {
    lengthScale,
    noise,
    predict(x) {
      const kStar = xs.map((xi) => matern52(distance(x, xi), lengthScale));
      const mu = kStar.reduce((a, k, i) => a + k * alpha[i], 0);
      const v = solveLower(l, kStar);
      const variance = Math.max(1e-12, 1 - v.reduce((a, vi) => a + vi * vi, 0));
      return { mean: mean + sd * mu, std: sd * Math.sqrt(variance) };
    },
  };
}

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}
