import { describe, expect, it } from 'vitest';
import { higherIsBetter, meetsGoal, metricTask, metricValue, readTarget } from '../../../src/core/evaluate/goal.ts';
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

describe('readTarget', () => {
  it('reads shares written as percentages, and says so', () => {
    expect(readTarget('accuracy', '0.9')).toEqual({ target: 0.9 });
    expect(readTarget('accuracy', '90')).toEqual({ target: 0.9, note: 'read as 90% = 0.9' });
    expect(readTarget('f1Macro', ' 85% ')).toEqual({ target: 0.85, note: 'read as 85% = 0.85' });
    expect(readTarget('accuracy', '1')).toEqual({ target: 1 });
    expect(readTarget('r2', '-0.2')).toEqual({ target: -0.2 });
  });

  it('refuses what a share cannot reach, and non-numbers; keeps errors in units as typed', () => {
    expect(readTarget('accuracy', '150', 'Accuracy')).toEqual({ error: 'Accuracy is a share between 0 and 1: enter 0.9 for 90%' });
    expect(readTarget('recallMacro', '-0.1', 'Recall')).toEqual({ error: 'Recall is a share between 0 and 1: enter 0.9 for 90%' });
    expect(readTarget('accuracy', 'high')).toEqual({ error: "'high' is not a number" });
    expect(readTarget('rmse', '2.5')).toEqual({ target: 2.5 });
    expect(readTarget('mae', '90')).toEqual({ target: 90 });
    expect(readTarget('mae', '-1', 'MAE')).toEqual({ error: 'MAE cannot be below 0' });
    expect(readTarget('accuracy', '  ')).toEqual({});
  });

  it('knows which task a metric scores', () => {
    expect(['accuracy', 'f1Macro', 'rmse', 'r2'].map((m) => metricTask(m as never))).toEqual(['classification', 'classification', 'regression', 'regression']);
  });
});
