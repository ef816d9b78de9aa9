import { describe, expect, it } from 'vitest';
import { positiveIndex, predictClasses, thresholdScores } from '../../../src/core/evaluate/threshold.ts';
import { isKilnError } from '../../../src/core/errors.ts';

describe('positiveIndex', () => {
  it('is the second class unless one is named; null for more than two classes', () => {
    expect(positiveIndex(['no', 'yes'])).toBe(1);
    expect(positiveIndex(['ham', 'spam'], 'ham')).toBe(0);
    expect(positiveIndex(['a', 'b', 'c'], 'a')).toBeNull();
  });

  it('refuses a class that does not exist, naming the spec path', () => {
    try {
      positiveIndex(['no', 'yes'], 'maybe');
      expect.unreachable();
    } catch (e) {
      expect(isKilnError(e)).toBe(true);
      expect((e as Error).message).toBe("evaluate.positiveClass: 'maybe' is not a class of this data; the classes are 'no' and 'yes'");
    }
  });
});

describe('predictClasses', () => {
  const probs = [0.6, 0.4, 0.3, 0.7, 0.5, 0.5];

  it('calls a row positive at or above the threshold', () => {
    expect(Array.from(predictClasses(probs, ['no', 'yes']))).toEqual([0, 1, 1]);
    expect(Array.from(predictClasses(probs, ['no', 'yes'], { threshold: 0.35 }))).toEqual([1, 1, 1]);
    expect(Array.from(predictClasses(probs, ['no', 'yes'], { threshold: 0.8 }))).toEqual([0, 0, 0]);
    // Positive class 'no' (index 0): its probability is compared instead.
    expect(Array.from(predictClasses(probs, ['no', 'yes'], { threshold: 0.55, positiveClass: 'no' }))).toEqual([0, 1, 1]);
  });

  it('uses the most probable class beyond two classes', () => {
    expect(Array.from(predictClasses([0.2, 0.5, 0.3, 0.6, 0.2, 0.2], ['a', 'b', 'c'], { threshold: 0.1 }))).toEqual([1, 0]);
  });
});

describe('thresholdScores', () => {
  // Positive scores 0.1, 0.4 (negatives) and 0.35, 0.8 (positives).
  const yTrue = [0, 0, 1, 1];
  const probs = [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8];

  it('scores the positive class and fills the confusion in class order', () => {
    const s = thresholdScores(yTrue, probs, ['no', 'yes'], 0.5);
    expect(s).toMatchObject({ threshold: 0.5, positiveClass: 'yes', precision: 1, recall: 0.5, tp: 1, fp: 0, fn: 1, tn: 2 });
    expect(s.f1).toBeCloseTo(2 / 3, 15);
    expect(s.metrics.confusion).toEqual([[2, 0], [1, 1]]);
  });

  it('moves with the threshold: 0.3 catches both positives and one negative', () => {
    const s = thresholdScores(yTrue, probs, ['no', 'yes'], 0.3);
    expect(s).toMatchObject({ precision: 2 / 3, recall: 1, tp: 2, fp: 1, fn: 0, tn: 1 });
    expect(s.metrics.confusion).toEqual([[1, 1], [0, 2]]);
  });

  it('says so when the threshold leaves the positive class never predicted', () => {
    const s = thresholdScores(yTrue, probs, ['no', 'yes'], 0.95);
    expect(s).toMatchObject({ precision: 0, recall: 0, f1: 0, tp: 0 });
    expect(s.metrics.notes.map((n) => [n.code, n.classes])).toEqual([['never-predicted', ['yes']]]);
  });
});
