import { describe, expect, it } from 'vitest';
import { cellMembers, classCodes, confidentMistakes, importanceDrop, importanceMetric } from '../../../src/core/evaluate/explain-examples.ts';

describe('the examples behind a confusion cell', () => {
  const truth = classCodes(['a', 'b', 'b', 'c', 'a', 'b'], ['a', 'b', 'c']);
  const predicted = classCodes(['a', 'a', 'b', 'b', 'b', 'a'], ['a', 'b', 'c']);

  it('codes names by class and marks unknown names -1', () => {
    expect(Array.from(truth)).toEqual([0, 1, 1, 2, 0, 1]);
    expect(Array.from(classCodes(['z'], ['a']))).toEqual([-1]);
  });

  it('lists exactly the predictions in a cell, and every prediction is in one cell', () => {
    expect(cellMembers(truth, predicted, 1, 0)).toEqual([1, 5]);
    expect(cellMembers(truth, predicted, 2, 2)).toEqual([]);
    let total = 0;
    for (let t = 0; t < 3; t++) for (let p = 0; p < 3; p++) total += cellMembers(truth, predicted, t, p).length;
    expect(total).toBe(6);
  });

  it('ranks mistakes by the probability of the wrongly predicted class', () => {
    const probs = [[0.9, 0.1, 0], [0.6, 0.4, 0], [0.2, 0.8, 0], [0.1, 0.7, 0.2], [0.45, 0.55, 0], [0.95, 0.05, 0]];
    expect(confidentMistakes(truth, predicted, probs, 3)).toEqual([
      { index: 5, truth: 1, predicted: 0, confidence: 0.95 },
      { index: 3, truth: 2, predicted: 1, confidence: 0.7 },
      { index: 1, truth: 1, predicted: 0, confidence: 0.6 },
    ]);
  });
});

describe('importance scoring', () => {
  it("uses the goal's metric when it fits the task, else accuracy or R²", () => {
    expect(importanceMetric('f1Macro', 'classification')).toBe('f1Macro');
    expect(importanceMetric('rmse', 'classification')).toBe('accuracy');
    expect(importanceMetric('accuracy', 'regression')).toBe('r2');
  });

  it('counts a drop as positive whichever way the metric improves', () => {
    expect(importanceDrop('accuracy', 0.9, 0.6)).toBeCloseTo(0.3, 12);
    expect(importanceDrop('rmse', 0.5, 0.8)).toBeCloseTo(0.3, 12);
    expect(importanceDrop('r2', 0.7, 0.75)).toBeCloseTo(-0.05, 12);
  });
});
