import { describe, expect, it } from 'vitest';
import { checkBatch } from '../../../src/core/monitor/index.ts';
import { predict, syntheticBaseline, syntheticTable } from './synthetic.ts';

const baseline = syntheticBaseline();

describe('drift on synthetic data at the default thresholds', () => {
  // 5 seeds × 4 batch sizes; a wider sweep (330 batches, 100–5000 rows) found no false alarm either.
  for (const rows of [100, 500, 1000, 5000]) {
    it(`raises nothing on ${rows}-row samples from the training distribution`, () => {
      for (const seed of [11, 12, 13, 14, 15]) {
        const batch = syntheticTable(rows, seed * 1009 + rows);
        const report = checkBatch(baseline, batch, { predictions: predict(batch) });
        expect(report.violations, `seed ${seed}`).toEqual([]);
        expect(report.features.map((f) => f.drifted)).toEqual([false, false, false, false, false]);
        expect(report.prediction?.drifted).toBe(false);
        expect(report.concept).toMatchObject({ metric: 'accuracy', baseline: 0.92, target: 0.9, drifted: false, missesGoal: false });
        expect(report.concept!.batch).toBeGreaterThan(0.99); // labels use the unrounded score
        expect(report.retrainAdvised).toBe(false);
      }
    });
  }

  for (const [rows, years] of [
    [100, 10],
    [500, 5],
    [5000, 5],
  ] as const) {
    it(`flags exactly 'age' when it moves by ${years} years (σ = 10) in ${rows} rows`, () => {
      for (const seed of [21, 22, 23, 24, 25]) {
        const batch = syntheticTable(rows, seed * 7 + rows, { age: years });
        const report = checkBatch(baseline, batch, { predictions: predict(batch) });
        expect(report.violations.map((v) => [v.feature_name, v.constraint_check_type]), `seed ${seed}`).toEqual([['age', 'baseline_drift_check']]);
        const age = report.features.find((f) => f.feature === 'age')!;
        expect(age.ks!.pValue).toBeLessThan(1e-3);
        expect(age.ks!.statistic).toBeGreaterThan(0.1);
        expect(report.features.filter((f) => f.drifted).map((f) => f.feature)).toEqual(['age']);
        expect(report.retrainAdvised).toBe(true);
      }
    });
  }

  it("flags exactly 'colour' when its most common category disappears", () => {
    const batch = syntheticTable(300, 77, { colour: true });
    const report = checkBatch(baseline, batch, { predictions: predict(batch) });
    expect(report.violations.map((v) => [v.feature_name, v.constraint_check_type])).toEqual([['colour', 'baseline_drift_check']]);
    const colour = report.features[0];
    expect(colour.feature).toBe('colour'); // most drifted first
    expect(colour.histogram.bins).toEqual(baseline.statistics.features[3].string_statistics!.distribution.categorical.buckets.map((b) => b.value));
    expect(colour.histogram.batch[colour.histogram.bins.indexOf('red')]).toBe(0);
    expect(colour.chiSquare!.pValue).toBeLessThan(1e-10);
  });

  it('sees prediction drift when older people make the model say yes more often', () => {
    const batch = syntheticTable(1000, 5, { age: 15 });
    const report = checkBatch(baseline, batch, { predictions: predict(batch) });
    expect(report.prediction).toMatchObject({ feature: 'prediction', type: 'categorical', drifted: true });
    expect(report.prediction!.psi).toBeGreaterThan(0.2);
  });
});
