import { describe, expect, it } from 'vitest';
import { calibration, LOG_LOSS_EPSILON, logLoss } from '../../../src/core/evaluate/probability.ts';

describe('logLoss', () => {
  it("matches scikit-learn's documentation example (0.21616…)", () => {
    // classes ['ham', 'spam']; truth spam, ham, ham, spam.
    const probs = [0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65];
    expect(logLoss([1, 0, 0, 1], probs, 2)).toBeCloseTo(0.21616187468057912, 14);
  });

  it('clips a certain miss to −ln(1e-15) instead of Infinity, and a certain hit to ~0', () => {
    expect(logLoss([0], [0, 1], 2)).toBeCloseTo(-Math.log(LOG_LOSS_EPSILON), 12);
    expect(logLoss([0], [1, 0], 2)).toBeCloseTo(0, 14);
    expect(logLoss([], [], 3)).toBeNull();
  });
});

describe('calibration', () => {
  // Max probabilities: .7✓ .5✓ .5✗ .8✓ .4✓ .6✗ .8✓ .5✓ .4✓ .5✗ (worked by hand)
  const yTrue = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
  const probs = [
    [0.7, 0.2, 0.1], [0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.3, 0.4, 0.3],
    [0.6, 0.2, 0.2], [0.1, 0.1, 0.8], [0.2, 0.3, 0.5], [0.3, 0.3, 0.4], [0.2, 0.5, 0.3],
  ].flat();

  it('bins the max probability into (b/10, (b+1)/10] and sums the weighted gaps', () => {
    const { bins, ece } = calibration(yTrue, probs, 3);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([0, 0, 0, 2, 4, 1, 1, 2, 0, 0]);
    expect(bins[3]).toMatchObject({ lower: 0.3, upper: 0.4, accuracy: 1 });
    expect(bins[3].confidence).toBeCloseTo(0.4, 15);
    expect(bins[4]).toMatchObject({ count: 4, confidence: 0.5, accuracy: 0.5 });
    expect(bins[0]).toEqual({ lower: 0, upper: 0.1, count: 0, confidence: null, accuracy: null });
    // (|2 − 0.8| + |2 − 2| + |0 − 0.6| + |1 − 0.7| + |2 − 1.6|) / 10 = 0.25
    expect(ece).toBeCloseTo(0.25, 14);
  });

  it('is 0 for a perfectly calibrated certain model, 1 for a certainly wrong one, null for no rows', () => {
    expect(calibration([0, 1], [1, 0, 0, 1], 2).ece).toBe(0);
    expect(calibration([0, 1], [0, 1, 1, 0], 2).ece).toBe(1);
    expect(calibration([], [], 2).ece).toBeNull();
  });
});
