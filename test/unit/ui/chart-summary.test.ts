import { describe, expect, it } from 'vitest';
import { betterFor, lineSummary } from '../../../src/ui/common/chart-summary.ts';

describe('lineSummary', () => {
  it('states start, end and the best point of a lower-is-better line (the doc example)', () => {
    expect(lineSummary('Loss', 'epoch', [1, 2, 3], [{ name: 'train', values: [0.9, 0.5, 0.4] }], 'lower')).toBe(
      'Loss over 3 epochs: train from 0.9 to 0.4, lowest 0.4 at epoch 3.',
    );
  });

  it('gives the highest for higher-is-better and both extremes when the direction is unknown', () => {
    const lines = [{ name: 'val', values: [0.5, 0.8, 0.7] }];
    expect(lineSummary('Accuracy', 'epoch', [1, 2, 3], lines, 'higher')).toBe('Accuracy over 3 epochs: val from 0.5 to 0.7, highest 0.8 at epoch 2.');
    expect(lineSummary('Thing', 'step', [1, 2, 3], lines)).toBe('Thing over 3 steps: val from 0.5 to 0.7, lowest 0.5 at step 1, highest 0.8 at step 2.');
  });

  it('rounds to 3 significant digits and skips null, undefined, NaN and infinite points', () => {
    const s = lineSummary('Loss', 'epoch', [1, 2, 3, 4, 5], [
      { name: 'train', values: [null, 1.234567, Number.NaN, 0.0123456, undefined] },
      { name: 'val', values: [Infinity, 2, 3] },
    ], 'lower');
    expect(s).toBe('Loss over 5 epochs: train from 1.23 to 0.0123, lowest 0.0123 at epoch 4; val from 2 to 3, lowest 2 at epoch 2.');
  });

  it('uses the singular for one x and says so when there is nothing to summarise', () => {
    expect(lineSummary('Loss', 'epoch', [1], [{ name: 'train', values: [0.7] }], 'lower')).toBe('Loss over 1 epoch: train from 0.7 to 0.7, lowest 0.7 at epoch 1.');
    expect(lineSummary('Loss', 'epoch', [], [{ name: 'train', values: [] }])).toBe('Loss: no epochs yet.');
    expect(lineSummary('Loss', 'epoch', [1, 2], [{ name: 'train', values: [null, null] }])).toBe('Loss: no epochs yet.');
  });
});

describe('betterFor', () => {
  it('reads the direction from the title', () => {
    expect(['Loss', 'Validation RMSE', 'Accuracy', 'Macro F1', 'Learning rate'].map(betterFor)).toEqual(['lower', 'lower', 'higher', 'higher', undefined]);
  });
});
