import { describe, expect, it } from 'vitest';
import { classWeightsFor } from '../../../src/core/train/class-weights.ts';
import { resolveLoss } from '../../../src/core/train/loss.ts';
import { formatDuration, remainingMs, runFraction } from '../../../src/core/train/progress.ts';

describe('class weights', () => {
  it('balanced is n / (k · count) on the training rows', () => {
    // 10 rows: 6 a, 3 b, 1 c → 10/18, 10/9, 10/3
    expect(classWeightsFor('balanced', ['a', 'b', 'c'], [6, 3, 1])).toEqual([10 / 18, 10 / 9, 10 / 3]);
  });

  it('balanced gives an absent class 1 rather than infinity', () => {
    expect(classWeightsFor('balanced', ['a', 'b'], [4, 0])).toEqual([0.5, 1]);
  });

  it('a map weighs the named classes and leaves the rest at 1', () => {
    expect(classWeightsFor({ c: 5, a: 0.5 }, ['a', 'b', 'c'], [1, 1, 1])).toEqual([0.5, 1, 5]);
    expect(classWeightsFor(undefined, ['a'], [1])).toBeNull();
  });

  it('names unknown classes in the map', () => {
    expect(() => classWeightsFor({ dog: 2, cat: 1, a: 3 }, ['a', 'b'], [1, 1])).toThrow(
      "train.classWeights: names 'dog', 'cat', which are not classes of the label; the classes are 'a', 'b'",
    );
  });
});

describe('losses', () => {
  it('auto is cross-entropy for classes and MSE for numbers', () => {
    expect(resolveLoss({ loss: 'auto' }, 'classification')).toBe('crossEntropy');
    expect(resolveLoss({ loss: 'auto' }, 'regression')).toBe('mse');
    expect(resolveLoss({ loss: 'huber' }, 'regression')).toBe('huber');
  });

  it('refuses cross-entropy and class weights on a regression', () => {
    expect(() => resolveLoss({ loss: 'crossEntropy' }, 'regression')).toThrow(/^train\.loss: /);
    expect(() => resolveLoss({ loss: 'auto', classWeights: 'balanced' }, 'regression')).toThrow(/^train\.classWeights: /);
  });
});

describe('progress and ETA', () => {
  it('counts batches across epochs', () => {
    expect(runFraction({ epoch: 3, epochs: 4, batch: 5, batches: 10, elapsedMs: 0 })).toBe(0.625);
  });

  it('extrapolates the pace so far', () => {
    expect(remainingMs({ epoch: 2, epochs: 4, batch: 0, batches: 10, elapsedMs: 1000 })).toBe(3000);
    expect(remainingMs({ epoch: 1, epochs: 4, batch: 0, batches: 10, elapsedMs: 0 })).toBeNull();
  });

  it('formats durations for people', () => {
    expect([4_400, 200_000, 3_900_000].map(formatDuration)).toEqual(['4 s', '3 min 20 s', '1 h 5 min']);
  });
});
