import { describe, expect, it } from 'vitest';
import { expectedImprovement, normalCdf } from '../../../src/core/tune/expected-improvement.ts';
import { fitGaussianProcess, matern52 } from '../../../src/core/tune/gaussian-process.ts';
import { cholesky, solveLower, solveUpperTransposed } from '../../../src/core/tune/linear-algebra.ts';

describe('linear algebra', () => {
  it('factors a positive-definite matrix and solves with it', () => {
    const a = [[4, 2, 0.4], [2, 2, 0.5], [0.4, 0.5, 3]];
    const l = cholesky(a)!;
    const product = a.map((row, i) => row.map((_, j) => l[i].reduce((s, v, k) => s + v * l[j][k], 0)));
    product.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(a[i][j], 12)));
    // Solve A x = b through L then Lᵀ and check A x.
    const b = [1, 2, 3];
    const x = solveUpperTransposed(l, solveLower(l, b));
    a.forEach((row, i) => expect(row.reduce((s, v, j) => s + v * x[j], 0)).toBeCloseTo(b[i], 12));
    expect(cholesky([[1, 2], [2, 1]])).toBeNull();
  });
});

describe('gaussian process', () => {
  it('uses the Matérn 5/2 kernel', () => {
    expect(matern52(0, 0.5)).toBe(1);
    const s = Math.sqrt(5) * 0.5;
    expect(matern52(0.25, 0.5)).toBeCloseTo((1 + s + (s * s) / 3) * Math.exp(-s), 14);
  });

  it('interpolates smooth data, and is unsure far from it', () => {
    const xs = [0, 0.2, 0.4, 0.6, 0.8, 1].map((x) => [x]);
    const ys = xs.map(([x]) => Math.sin(4 * x));
    const gp = fitGaussianProcess(xs, ys);
    expect(gp.predict([0.4]).mean).toBeCloseTo(Math.sin(1.6), 2);
    expect(gp.predict([0.5]).mean).toBeCloseTo(Math.sin(2), 1);
    expect(gp.predict([0.4]).std).toBeLessThan(0.05);
    expect(gp.predict([3]).std).toBeGreaterThan(10 * gp.predict([0.5]).std);
  });
});

describe('expected improvement', () => {
  it('matches the closed form, and grows with the mean and the uncertainty', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
    expect(expectedImprovement(1, 1, 0)).toBeCloseTo(0.841344746 + 0.241970725, 6);
    expect(expectedImprovement(0, 0, 1)).toBe(0);
    expect(expectedImprovement(0, 2, 0)).toBeGreaterThan(expectedImprovement(0, 1, 0));
    expect(expectedImprovement(0.5, 1, 0)).toBeGreaterThan(expectedImprovement(0, 1, 0));
  });
});
