/**
 * The drift statistics: population stability index, the two-sample Kolmogorov–Smirnov test and
 * Pearson's chi-square goodness-of-fit test, with their p-values from the asymptotic
 * distributions. Pure numbers in, numbers out; checked against scipy in test/unit/monitor.
 */

/** Share floor for an empty bin in psi(): without it one empty bin makes the index infinite. */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index Σ (a − e) · ln(a / e) over the same bins, where e and a are the
 * expected (baseline) and actual (batch) shares. Counts or shares may be given: each side is
 * normalised to shares first, then every share is floored at `epsilon` so empty bins stay finite.
 *
 * psi([50, 50], [40, 60]) // → 0.0405… = (0.4 − 0.5)·ln(0.8) + (0.6 − 0.5)·ln(1.2)
 */
export function psi(expected: readonly number[], actual: readonly number[], epsilon = PSI_EPSILON): number {
  if (expected.length !== actual.length) throw new RangeError(`psi: ${expected.length} expected bins but ${actual.length} actual bins`);
  const e = shares(expected, epsilon);
  const a = shares(actual, epsilon);
  let sum = 0;
  for (let i = 0; i < e.length; i++) sum += (a[i] - e[i]) * Math.log(a[i] / e[i]);
  return sum;
}

function shares(values: readonly number[], epsilon: number): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  return values.map((v) => Math.max(total > 0 ? v / total : 0, epsilon));
}

/**
 * Two-sample Kolmogorov–Smirnov test: the statistic is the largest gap between the two empirical
 * CDFs; the p-value is the Kolmogorov distribution's tail at √(nm/(n+m))·D with Stephens's
 * small-sample correction (Numerical Recipes §14.3), within ~0.01 of the exact value for n, m ≥ 20.
 * Inputs need not be sorted; NaN values are skipped.
 *
 * ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]).statistic // → 0.5
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): { statistic: number; pValue: number } {
  const x = sortedFinite(a);
  const y = sortedFinite(b);
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return { statistic: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    // Step past every copy of v on both sides, so ties count once.
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovTail((en + 0.12 + 0.11 / en) * d) };
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(Array.from(values).filter((v) => !Number.isNaN(v))).sort();
}

/**
 * P(K > λ) for the Kolmogorov distribution: 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²} (scipy's kstwobign.sf).
 *
 * kolmogorovTail(1.36) // → 0.0494…
 */
export function kolmogorovTail(lambda: number): number {
  if (lambda <= 0) return 1;
  // Below ~0.3 the alternating series converges slowly, but the tail is 1 to double precision.
  if (lambda < 0.3) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += (j % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Pearson's chi-square goodness of fit of `observed` counts against `expectedShares` (normalised
 * here), df = bins − 1, p-value from the regularised upper incomplete gamma Q(df/2, χ²/2). Bins
 * whose expected share is 0 must be merged or dropped by the caller.
 *
 * chiSquare([30, 70], [0.5, 0.5]) // → { statistic: 16, df: 1, pValue: 6.33e-5 }
 */
export function chiSquare(observed: readonly number[], expectedShares: readonly number[]): { statistic: number; df: number; pValue: number } {
  if (observed.length !== expectedShares.length) throw new RangeError(`chiSquare: ${observed.length} observed bins but ${expectedShares.length} expected`);
  const n = observed.reduce((s, v) => s + v, 0);
  const totalShare = expectedShares.reduce((s, v) => s + v, 0);
  const df = observed.length - 1;
  if (n === 0 || df < 1 || totalShare <= 0) return { statistic: 0, df: Math.max(df, 0), pValue: 1 };
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = (n * expectedShares[i]) / totalShare;
    if (expected <= 0) throw new RangeError(`chiSquare: bin ${i} has an expected share of 0`);
    statistic += (observed[i] - expected) ** 2 / expected;
  }
  return { statistic, df, pValue: gammaQ(df / 2, statistic / 2) };
}

/**
 * Pearson's chi-square test of homogeneity of two count vectors over the same bins (a 2 × k
 * contingency table, scipy's chi2_contingency without continuity correction): unlike chiSquare it
 * treats both sides as samples, so a small baseline does not make a large batch look drifted.
 * Bins empty on both sides are dropped; df = (non-empty bins − 1).
 *
 * chiSquareHomogeneity([50, 50], [30, 70]) // → { statistic: 8.333…, df: 1, pValue: 0.00389… }
 */
export function chiSquareHomogeneity(a: readonly number[], b: readonly number[]): { statistic: number; df: number; pValue: number } {
  if (a.length !== b.length) throw new RangeError(`chiSquareHomogeneity: ${a.length} bins against ${b.length}`);
  const na = a.reduce((s, v) => s + v, 0);
  const nb = b.reduce((s, v) => s + v, 0);
  const n = na + nb;
  let statistic = 0;
  let bins = 0;
  for (let i = 0; i < a.length; i++) {
    const column = a[i] + b[i];
    if (column === 0) continue;
    bins++;
    const ea = (na * column) / n;
    const eb = (nb * column) / n;
    statistic += (a[i] - ea) ** 2 / ea + (b[i] - eb) ** 2 / eb;
  }
  const df = bins - 1;
  if (na === 0 || nb === 0 || df < 1) return { statistic: 0, df: Math.max(df, 0), pValue: 1 };
  return { statistic, df, pValue: gammaQ(df / 2, statistic / 2) };
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): series below a + 1, Lentz's continued fraction above. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - gammaPSeries(a, x);
  return gammaQFraction(a, x);
}

function gammaPSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 1000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaQFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7), accurate to ~1e-15 relative. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) s += LANCZOS[i] / (z + i + 1);
  const t = z + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}
