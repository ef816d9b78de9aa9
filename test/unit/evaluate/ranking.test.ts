import { describe, expect, it } from 'vitest';
import { downsample, prCurve, rocCurve } from '../../../src/core/evaluate/ranking.ts';

describe('rocCurve and prCurve', () => {
  it("match scikit-learn's documentation example (ROC AUC 0.75, AP 0.8333…)", () => {
    expect(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).area).toBe(0.75);
    expect(prCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).area).toBeCloseTo(5 / 6, 15);
  });

  // Ties: three rows score 0.5 (one positive, two negative). scikit-learn 1.2: roc_auc 0.8125, AP 0.81666…
  const y = [0, 0, 1, 1, 0, 1, 1, 0];
  const s = [0.2, 0.5, 0.5, 0.9, 0.5, 0.3, 0.7, 0.1];

  it('makes one step per distinct score, so a tie is a diagonal, not an arbitrary staircase', () => {
    const roc = rocCurve(y, s);
    expect(roc.points.map((p) => [p.fpr, p.tpr, p.threshold])).toEqual([
      [0, 0, Infinity],
      [0, 0.25, 0.9],
      [0, 0.5, 0.7],
      [0.5, 0.75, 0.5],
      [0.5, 1, 0.3],
      [0.75, 1, 0.2],
      [1, 1, 0.1],
    ]);
    // Trapezoids by hand: 0.5·(0.5+0.75)/2 + 0.5·1 = 0.3125 + 0.5 = 0.8125.
    expect(roc.area).toBe(0.8125);
    expect(roc.reason).toBeNull();
  });

  it('averages precision over recall steps: 0.25·(1 + 1) + 0.25·(2/3) + 0.25·(4/7) = 0.81666…', () => {
    const pr = prCurve(y, s);
    expect(pr.points.map((p) => [p.recall, p.precision])).toEqual([
      [0, 1],
      [0.25, 1],
      [0.5, 1],
      [0.75, 3 / 5],
      [1, 4 / 6],
      [1, 4 / 7],
      [1, 4 / 8],
    ]);
    expect(pr.area).toBeCloseTo(0.8166666666666667, 15);
  });

  it('gives perfect and reversed rankings AUC 1 and 0', () => {
    expect(rocCurve([0, 1, 1], [0.1, 0.8, 0.9]).area).toBe(1);
    expect(rocCurve([0, 1, 1], [0.9, 0.2, 0.1]).area).toBe(0);
    expect(prCurve([0, 1, 1], [0.1, 0.8, 0.9]).area).toBe(1);
    // All scores tied: the ROC is the diagonal.
    expect(rocCurve([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]).area).toBe(0.5);
  });

  it('returns null with a reason, never NaN, for a single-class split', () => {
    expect(rocCurve([1, 1], [0.2, 0.9])).toEqual({ points: [], area: null, reason: 'ROC AUC is undefined: the split has no negative example' });
    expect(rocCurve([0, 0], [0.2, 0.9]).reason).toBe('ROC AUC is undefined: the split has no positive example');
    expect(prCurve([0, 0], [0.2, 0.9])).toEqual({ points: [], area: null, reason: 'PR AUC is undefined: the split has no positive example' });
    expect(rocCurve([], []).area).toBeNull();
  });
});

describe('downsample', () => {
  it('keeps at most max points, first and last included', () => {
    expect(downsample(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['a', 'c', 'e']);
    expect(downsample([1, 2], 200)).toEqual([1, 2]);
    const many = Array.from({ length: 1001 }, (_, i) => i);
    const cut = downsample(many, 200);
    expect(cut).toHaveLength(200);
    expect(cut[0]).toBe(0);
    expect(cut[199]).toBe(1000);
  });
});
