import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goalVerdict, higherIsBetter, meetsGoal, metricTask, metricValue, readTarget, targetForms } from '../../../src/core/evaluate/goal.ts';
import { classificationMetrics } from '../../../src/core/evaluate/classification.ts';
import { scoreClassification } from '../../../src/core/evaluate/score-classification.ts';
import { regressionMetrics } from '../../../src/core/evaluate/regression.ts';
import { metricNames, type MetricName } from '../../../src/core/spec/schema.ts';

describe('metricValue', () => {
  const cls = classificationMetrics([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], ['a', 'b', 'c']);
  const reg = { rmse: 0.5, mae: 0.4, r2: 0.9, mape: null, mapeSkipped: 3, medianAe: 0.3, explainedVariance: 0.91 };

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
    expect(metricValue(reg, 'medianAe')).toBe(0.3);
    expect(metricValue(reg, 'mape')).toBeUndefined(); // null: every target was 0
  });

  it('returns undefined for a metric of the other task kind', () => {
    expect(metricValue(cls, 'rmse')).toBeUndefined();
    expect(metricValue(reg, 'accuracy')).toBeUndefined();
  });
});

describe('meetsGoal', () => {
  const lower: MetricName[] = ['logLoss', 'rmse', 'mae', 'mape', 'medianAe', 'ece'];
  const higher = metricNames.filter((m) => !lower.includes(m));

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
  it('reads a share as a decimal or as a percentage with its sign, and says so', () => {
    expect(readTarget('accuracy', '0.9')).toEqual({ target: 0.9 });
    expect(readTarget('accuracy', '90%')).toEqual({ target: 0.9, note: 'read as 90% = 0.9' });
    expect(readTarget('f1Macro', ' 85 % ')).toEqual({ target: 0.85, note: 'read as 85% = 0.85' });
    expect(readTarget('accuracy', '7%')).toEqual({ target: 0.07, note: 'read as 7% = 0.07' });
    expect(readTarget('accuracy', '1')).toEqual({ target: 1 });
    expect(readTarget('accuracy', '0')).toEqual({ target: 0 });
    expect(readTarget('r2', '-0.2')).toEqual({ target: -0.2 });
  });

  it('never guesses that a bare number above 1 is a percentage (1.5 once became 0.015)', () => {
    expect(readTarget('accuracy', '1.5', 'Accuracy')).toEqual({ error: '1.5 is above 1: Accuracy is a share, so type 0.9 or 90% (for 1.5 percent, 1.5%)' });
    expect(readTarget('accuracy', '90', 'Accuracy')).toEqual({ error: '90 is above 1: Accuracy is a share, so type 0.9 or 90% (for 90 percent, 90%)' });
    expect(readTarget('accuracy', '150', 'Accuracy')).toEqual({ error: '150 is above 1: Accuracy is a share, so type 0.9 or 90%' });
    expect(readTarget('accuracy', '150%', 'Accuracy')).toEqual({ error: '150% is above 100%: Accuracy is a share, so type 0.9 or 90%' });
  });

  it('refuses what a share cannot reach and non-numbers, always naming the accepted forms', () => {
    expect(readTarget('recallMacro', '-1', 'Recall')).toEqual({ error: '-1 is below 0: Recall is a share, so type 0.9 or 90%' });
    expect(readTarget('recallMacro', '-5%', 'Recall')).toEqual({ error: '-5% is below 0%: Recall is a share, so type 0.9 or 90%' });
    expect(readTarget('accuracy', 'high')).toEqual({ error: "'high' is not a number: type 0.9 or 90%" });
    expect(readTarget('accuracy', '%')).toEqual({ error: "'%' is not a number: type 0.9 or 90%" });
    expect(readTarget('accuracy', 'Infinity')).toEqual({ error: "'Infinity' is not a number: type 0.9 or 90%" });
    expect(readTarget('rmse', '2.5')).toEqual({ target: 2.5 });
    expect(readTarget('mae', '90')).toEqual({ target: 90 });
    expect(readTarget('mae', '-1', 'MAE')).toEqual({ error: 'MAE cannot be below 0: type a number in the label’s units, e.g. 2.5' });
    expect(readTarget('rmse', '5%', 'RMSE')).toEqual({ error: 'RMSE is not a percentage: type a number in the label’s units, e.g. 2.5' });
    expect(readTarget('accuracy', '  ')).toEqual({});
  });

  it('gives every metric its accepted forms', () => {
    expect(targetForms('accuracy')).toBe('0.9 or 90%');
    expect(targetForms('mcc')).toBe('0.6 or 60% (from −1 to 1)');
    expect(targetForms('mape')).toBe('0.1 or 10%');
    for (const m of metricNames) expect(targetForms(m).length).toBeGreaterThan(5);
  });

  it('accepts exactly the shares in range, for any number typed (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.boolean(), (v, pct) => {
        const r = readTarget('accuracy', pct ? `${v}%` : String(v));
        const share = pct ? v / 100 : v;
        if (share >= 0 && share <= 1) expect(r.target).toBeCloseTo(share, 10);
        else expect(r).toEqual({ error: expect.stringContaining('type 0.9 or 90%') });
      }),
      { numRuns: 300 },
    );
  });

  it('knows which task a metric scores', () => {
    expect(['accuracy', 'f1Macro', 'rmse', 'r2'].map((m) => metricTask(m as never))).toEqual(['classification', 'classification', 'regression', 'regression']);
    expect(metricNames.filter((m) => metricTask(m) === 'regression')).toEqual(['rmse', 'mae', 'r2', 'mape', 'medianAe', 'explainedVariance']);
  });

  it('reads kappa and MCC between −1 and 1, log loss in nats, MAPE as a fraction or a percentage', () => {
    expect(readTarget('mcc', '-0.5')).toEqual({ target: -0.5 });
    expect(readTarget('cohenKappa', '60%')).toEqual({ target: 0.6, note: 'read as 60% = 0.6' });
    expect(readTarget('mcc', '-2', 'MCC')).toEqual({ error: '-2 is below −1: MCC lies between −1 and 1, so type 0.6 or 60% (from −1 to 1)' });
    expect(readTarget('rocAuc', '95%')).toEqual({ target: 0.95, note: 'read as 95% = 0.95' });
    expect(readTarget('logLoss', '0.3')).toEqual({ target: 0.3 });
    expect(readTarget('mape', '10%')).toEqual({ target: 0.1, note: 'read as 10% = 0.1' });
    expect(readTarget('mape', '1.5')).toEqual({ target: 1.5 });
    expect(readTarget('ece', '0.05')).toEqual({ target: 0.05 });
  });
});

describe('goalVerdict', () => {
  const cls = scoreClassification([0, 0, 1, 1], [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8], ['n', 'p']);

  it('judges any metric in its direction', () => {
    expect(goalVerdict(cls, { metric: 'rocAuc', target: 0.7 })).toEqual({ metric: 'rocAuc', value: 0.75, target: 0.7, met: true, reason: null });
    expect(goalVerdict(cls, { metric: 'ece', target: 0.1 }).met).toBe(false); // ECE (0.1 + 0.4 + 0.65 + 0.2) / 4 = 0.3375
    expect(goalVerdict(cls, { metric: 'logLoss', target: 1 }).met).toBe(true);
    const reg = regressionMetrics([1, 2, 3], [1, 2, 4]);
    expect(goalVerdict(reg, { metric: 'medianAe', target: 0 })).toMatchObject({ value: 0, met: true });
  });

  it('gives no verdict, with the reason, for a missing target, the other task or an undefined metric', () => {
    expect(goalVerdict(cls, { metric: 'accuracy' })).toMatchObject({ value: 0.75, met: null, reason: 'the goal sets no target' });
    expect(goalVerdict(cls, { metric: 'rmse', target: 1 })).toMatchObject({ value: null, met: null, reason: 'rmse scores regression models, but this model does classification' });
    const single = scoreClassification([1, 1], [0.3, 0.7, 0.6, 0.4], ['n', 'p']);
    expect(goalVerdict(single, { metric: 'rocAuc', target: 0.8 })).toMatchObject({ value: null, met: null, reason: 'rocAuc is undefined on this split' });
  });
});
