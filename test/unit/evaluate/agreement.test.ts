import { describe, expect, it } from 'vitest';
import { balancedAccuracy, cohenKappa, matthewsCorrelation } from '../../../src/core/evaluate/agreement.ts';
import { classificationMetrics } from '../../../src/core/evaluate/classification.ts';

// Values from scikit-learn 1.2 (Debian python3-sklearn) or worked out by hand, as noted.
describe('balancedAccuracy', () => {
  it("matches scikit-learn's documentation example (0.625)", () => {
    const m = classificationMetrics([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], ['0', '1']);
    expect(m.balancedAccuracy).toBe(0.625); // (3/4 + 1/2) / 2
  });

  it('leaves out a class absent from the split, unlike macro recall', () => {
    // 'c' never occurs in truth: balanced accuracy averages a and b only.
    const confusion = [
      [3, 1, 0],
      [0, 1, 0],
      [0, 0, 0],
    ];
    expect(balancedAccuracy(confusion)).toBe(0.875);
    expect(balancedAccuracy([])).toBe(0);
  });
});

describe('cohenKappa and matthewsCorrelation', () => {
  // Confusion [[2,1,0],[1,2,0],[0,1,3]]: n = 10, 7 right, rows 3,3,4, columns 3,4,3.
  const confusion = [
    [2, 1, 0],
    [1, 2, 0],
    [0, 1, 3],
  ];

  it('works out kappa = (7·10 − 33) / (100 − 33) = 37/67 by hand (scikit-learn: 0.5522388059701493)', () => {
    expect(cohenKappa(confusion)).toBe(37 / 67);
    expect(cohenKappa(confusion)).toBeCloseTo(0.5522388059701493, 15);
  });

  it('works out MCC = 37 / √(66 · 66) = 37/66 (scikit-learn: 0.5606060606060606)', () => {
    expect(matthewsCorrelation(confusion)).toBe(37 / 66);
  });

  it("matches scikit-learn's MCC documentation example (−1/3)", () => {
    const m = classificationMetrics([1, 1, 1, 0], [1, 0, 1, 1], ['-1', '+1']);
    expect(m.mcc).toBeCloseTo(-1 / 3, 15);
  });

  it('is +1 for perfect and −1 for all-wrong binary predictions', () => {
    expect(matthewsCorrelation([[2, 0], [0, 3]])).toBe(1);
    expect(cohenKappa([[2, 0], [0, 3]])).toBe(1);
    expect(matthewsCorrelation([[0, 2], [2, 0]])).toBe(-1);
    expect(cohenKappa([[0, 2], [2, 0]])).toBe(-1);
  });

  it('returns MCC 0 and kappa null (undefined) when one class is everywhere', () => {
    expect(matthewsCorrelation([[4, 0], [0, 0]])).toBe(0);
    expect(cohenKappa([[4, 0], [0, 0]])).toBeNull();
    expect(cohenKappa([[0, 0], [0, 0]])).toBeNull();
  });
});
