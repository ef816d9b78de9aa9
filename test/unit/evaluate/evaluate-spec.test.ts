import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../../src/core/spec/validate.ts';

const base = { version: 1, data: { source: 'churn.csv', label: 'churned' } };

describe("the spec's evaluate section", () => {
  it('defaults to threshold 0.5 and no named positive class, so old specs keep working', () => {
    const r = validateSpec(base);
    expect(r.ok && r.spec.evaluate).toEqual({ threshold: 0.5 });
  });

  it('takes a threshold and a positive class, and a goal on any metric', () => {
    const r = validateSpec({ ...base, evaluate: { threshold: 0.3, positiveClass: 'yes' }, goal: { metric: 'prAuc', target: 0.8 } });
    expect(r.ok && r.spec.evaluate).toEqual({ threshold: 0.3, positiveClass: 'yes' });
    expect(r.ok && r.spec.goal.metric).toBe('prAuc');
  });

  it('names the path of a bad threshold or metric', () => {
    const bad = validateSpec({ ...base, evaluate: { threshold: 1.5 }, goal: { metric: 'auc' } });
    expect(bad.ok).toBe(false);
    const paths = bad.ok ? [] : bad.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['evaluate.threshold', 'goal.metric']));
  });
});
