import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquare, gammaQ, kolmogorovTail, ksTwoSample, logGamma, psi, PSI_EPSILON } from '../../../src/core/monitor/stats.ts';

// Reference values computed with scipy 1.10.1 (scipy.stats / scipy.special), quoted beside each.
const ksFixture = JSON.parse(readFileSync(new URL('../../fixtures/monitor/ks-normal.json', import.meta.url), 'utf8')) as {
  x: number[];
  y: number[];
  statistic: number;
  pValueExact: number;
};

describe('psi', () => {
  it('matches the hand-computed sum over shares', () => {
    // (0.1−0.25)ln(0.4) + (0.2−0.25)ln(0.8) + (0.3−0.25)ln(1.2) + (0.4−0.25)ln(1.6) = 0.228217…
    expect(psi([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4])).toBeCloseTo(0.22821740957339182, 12);
    expect(psi([50, 50], [40, 60])).toBeCloseTo(-0.1 * Math.log(0.8) + 0.1 * Math.log(1.2), 12);
  });

  it('takes counts or shares alike and is 0 for the same distribution', () => {
    expect(psi([25, 25, 25, 25], [10, 20, 30, 40])).toBeCloseTo(psi([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]), 12);
    expect(psi([3, 7], [30, 70])).toBe(0);
  });

  it('floors an empty bin at the documented epsilon instead of going infinite', () => {
    const value = psi([0.5, 0.5], [1, 0]);
    expect(value).toBeCloseTo((1 - 0.5) * Math.log(1 / 0.5) + (PSI_EPSILON - 0.5) * Math.log(PSI_EPSILON / 0.5), 12);
    expect(Number.isFinite(value)).toBe(true);
  });

  it('refuses bins that do not line up', () => {
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('ksTwoSample', () => {
  it('finds the largest CDF gap, counting ties once', () => {
    expect(ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]).statistic).toBe(0.5);
    expect(ksTwoSample([1, 1, 2, 2], [1, 1, 2, 2]).statistic).toBe(0);
    expect(ksTwoSample([1, 2, 3], [4, 5, 6]).statistic).toBe(1);
  });

  it('matches scipy.stats.ks_2samp on 200 vs 150 normal draws: statistic exactly, p-value near the exact one', () => {
    const r = ksTwoSample(ksFixture.x, ksFixture.y);
    expect(r.statistic).toBeCloseTo(ksFixture.statistic, 12); // 0.243333…
    // exact p = 6.2856e-5; the asymptotic value with Stephens's correction is within 10% of it.
    expect(r.pValue / ksFixture.pValueExact).toBeGreaterThan(0.9);
    expect(r.pValue / ksFixture.pValueExact).toBeLessThan(1.1);
  });

  it('matches scipy on small samples (25 vs 30): exact p 2.274e-4', () => {
    const a = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47];
    const b = [2.2, 1.5, 0.97, 1.96, 0.47, 1.16, 2.14, 0.44, 1.68, 2.31, 0.9, 1.2, 3.01, 0.73, 1.5, 2.0, 1.41, 0.53, 2.95, 1.76, 0.66, 1.9, 1.26, 1.22, 0.11, 1.87, 1.37, 1.2, 1.6, 0.31];
    const r = ksTwoSample(a, b);
    expect(r.statistic).toBeCloseTo(0.5533333333333333, 12);
    // scipy.stats.kstwobign.sf((en + 0.12 + 0.11/en)·D) = 2.367943e-4; exact 2.2741e-4.
    expect(r.pValue).toBeCloseTo(2.367943205097084e-4, 9);
  });

  it('gives p = 1 for an empty side and skips NaN', () => {
    expect(ksTwoSample([], [1, 2])).toEqual({ statistic: 0, pValue: 1 });
    expect(ksTwoSample([1, NaN, 2], [1, 2]).statistic).toBe(0);
  });
});

describe('kolmogorovTail', () => {
  it('matches scipy.stats.kstwobign.sf', () => {
    expect(kolmogorovTail(1.36)).toBeCloseTo(0.049485876755377876, 12);
    expect(kolmogorovTail(0.5)).toBeCloseTo(0.9639452436648751, 12);
    expect(kolmogorovTail(2.0)).toBeCloseTo(0.0006709252557796953, 14);
    expect(kolmogorovTail(0)).toBe(1);
  });
});

describe('chiSquare', () => {
  it('matches scipy.stats.chisquare', () => {
    const a = chiSquare([30, 70], [0.5, 0.5]);
    expect(a.statistic).toBe(16);
    expect(a.df).toBe(1);
    expect(a.pValue).toBeCloseTo(6.334248366623988e-5, 15);
    const b = chiSquare([18, 22, 30, 30], [1, 1, 1, 1]);
    expect(b.statistic).toBeCloseTo(4.32, 12);
    expect(b.pValue).toBeCloseTo(0.22891886433610517, 12);
    const c = chiSquare([5, 9, 12, 20, 54], [0.1, 0.1, 0.2, 0.2, 0.4]);
    expect(c.statistic).toBeCloseTo(10.7, 12);
    expect(c.pValue).toBeCloseTo(0.03015075884626286, 12);
  });

  it('gives p = 1 without data or with one bin, and refuses an expected share of 0', () => {
    expect(chiSquare([0, 0], [0.5, 0.5]).pValue).toBe(1);
    expect(chiSquare([10], [1]).pValue).toBe(1);
    expect(() => chiSquare([1, 2], [1, 0])).toThrow(RangeError);
  });
});

describe('gammaQ and logGamma', () => {
  it('match scipy.special.gammaincc, chi2.sf and gammaln', () => {
    expect(gammaQ(2.5, 1)).toBeCloseTo(0.8491450360846096, 13);
    expect(gammaQ(0.5, 3)).toBeCloseTo(0.014305878435429641, 14);
    expect(gammaQ(10, 25)).toBeCloseTo(0.0002214766382487835, 15);
    expect(gammaQ(2, 1.6)).toBeCloseTo(0.5249309467861041, 13); // chi2.sf(3.2, 4)
    expect(gammaQ(3.5, 25)).toBeCloseTo(1.4444852779215397e-8, 18); // chi2.sf(50, 7)
    expect(gammaQ(100, 125)).toBeCloseTo(0.009379131668826098, 12); // chi2.sf(250, 200)
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247, 12);
    expect(logGamma(10.3)).toBeCloseTo(13.482036786138359, 11);
  });
});
