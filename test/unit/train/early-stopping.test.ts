import { describe, expect, it } from 'vitest';
import { createEarlyStopper, resolveEarlyStopping } from '../../../src/core/train/early-stopping.ts';

/** Feeds a scripted metric sequence and returns the epoch it stopped at (0 = never) and the best epoch. */
function script(metric: 'valLoss' | 'valAccuracy', patience: number, values: number[]) {
  const s = createEarlyStopper(metric, patience);
  for (const [i, v] of values.entries()) if (s.observe(i + 1, v).stop) return { stoppedAt: i + 1, best: s.bestEpoch };
  return { stoppedAt: 0, best: s.bestEpoch };
}

describe('early stopping', () => {
  it('stops on validation loss after `patience` epochs without a new low', () => {
    expect(script('valLoss', 3, [0.9, 0.7, 0.6, 0.65, 0.61, 0.62, 0.5])).toEqual({ stoppedAt: 6, best: 3 });
  });

  it('resets the count on every improvement', () => {
    expect(script('valLoss', 2, [1, 0.9, 0.95, 0.8, 0.85, 0.7, 0.75, 0.76, 0.1])).toEqual({ stoppedAt: 8, best: 6 });
  });

  it('watches accuracy going up', () => {
    expect(script('valAccuracy', 2, [0.5, 0.6, 0.6, 0.55, 0.9])).toEqual({ stoppedAt: 4, best: 2 });
  });

  it('patience 0 never stops but still finds the best epoch', () => {
    expect(script('valLoss', 0, [3, 1, 2, 2, 2, 2, 2])).toEqual({ stoppedAt: 0, best: 2 });
  });

  it('the patience shorthand means validation loss with restore-best', () => {
    expect(resolveEarlyStopping({ patience: 5 }, 'classification')).toEqual({ metric: 'valLoss', patience: 5, restoreBest: true });
    expect(resolveEarlyStopping({ patience: 0 }, 'classification')).toBeNull();
    const given = { metric: 'valAccuracy' as const, patience: 3, restoreBest: false };
    expect(resolveEarlyStopping({ patience: 9, earlyStopping: given }, 'classification')).toEqual(given);
  });

  it('refuses accuracy for a regression, naming the spec path', () => {
    expect(() => resolveEarlyStopping({ patience: 0, earlyStopping: { metric: 'valAccuracy', patience: 3, restoreBest: true } }, 'regression')).toThrow(
      "train.earlyStopping.metric: is 'valAccuracy', but a regression has no accuracy; use 'valLoss'",
    );
  });
});
