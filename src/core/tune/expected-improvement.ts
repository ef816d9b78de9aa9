/**
 * Expected improvement over `best` of a Gaussian prediction, for maximisation; `xi` asks for a
 * margin so the search does not re-sample the incumbent's immediate neighbourhood forever.
 *
 * expectedImprovement(1, 1, 0) // → 1.0833 (= 1·Φ(1) + 1·φ(1))
 */
export function expectedImprovement(mean: number, std: number, best: number, xi = 0): number {
  const gain = mean - best - xi;
  if (std <= 0) return Math.max(0, gain);
  const z = gain / std;
  return gain * normalCdf(z) + std * normalPdf(z);
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal CDF through erfc, by the Chebyshev fit known as Numerical Recipes' erfcc
 * (fractional error < 1.2e-7 everywhere — ample for ranking candidates).
 *
 * normalCdf(0) // → 0.5
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(poly);
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}
