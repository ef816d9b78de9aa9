import { describe, expect, it } from 'vitest';
import { higherIsBetter, meetsGoal, metricValue } from '../../../src/core/evaluate/goal.ts';
import { classificationMetrics } from '../../../src/core/evaluate/classification.ts';
import type { MetricName } from '../../../src/core/spec/schema.ts';

describe('metricValue', () => {
  const cls = classificationMetrics([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], ['a', 'b', 'c']);
  const reg = { rmse: 0.5, mae: 0.4, r2: 0.9 };

  it('reads classification metrics', () => {
    expect(metricValue(cls, 'accuracy')).toBeCloseTo(2 / 3, 12);
    expect(metricValue(cls, 'f1Macro')).toBeCloseTo(59 / 90, 12);
    expect(metricValue(cls, 'precisionMacro')).toBeCloseTo(13 / 18, 12);
    expect(metricValue(cls, 'recallMacro')).toBeCloseTo(2 / 3, 12);
  });

  it('reads regression metrics', () => {
    expect(metricValue(reg, 'rmse')).toBe(0.5);
    expect(metricValue(reg, 'mae')).toBe(0.4);
    expect(metricValue(reg, 'r2')).toBe(0.9);
  });

  it('returns undefined for a metric of the other task kind', () => {
    expect(metricValue(cls, 'rmse')).toBeUndefined();
    expect(metricValue(reg, 'accuracy')).toBeUndefined();
  });
});

describe('meetsGoal', () => {
  const higher: MetricName[] = ['accuracy', 'f1Macro', 'precisionMacro', 'recallMacro', 'r2'];
  const lower: MetricName[] = ['rmse', 'mae'];

  it('treats higher as better for scores and r2', () => {
    for (const name of higher) {
      expect(higherIsBetter(name)).toBe(true);
      expect(meetsGoal(0.95, name, 0.9)).toBe(true);
      expect(meetsGoal(0.9, name, 0.9)).toBe(true);
      expect(meetsGoal(0.85, name, 0.9)).toBe(false);
    }
  });

  it('treats lower as better for errors', () => {
    for (const name of lower) {
      expect(higherIsBetter(name)).toBe(false);
      expect(meetsGoal(0.2, name, 0.25)).toBe(true);
      expect(meetsGoal(0.25, name, 0.25)).toBe(true);
      expect(meetsGoal(0.3, name, 0.25)).toBe(false);
    }
  });

  it('never counts NaN as meeting a goal', () => {
    expect(meetsGoal(NaN, 'accuracy', 0.5)).toBe(false);
    expect(meetsGoal(NaN, 'rmse', 0.5)).toBe(false);
  });
});
