import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { fitPreprocessor } from '../../../src/core/prepare/preprocess.ts';
import { scoreSplit } from '../../../src/core/evaluate/table-scores.ts';

describe('scoreSplit on a regression', () => {
  const table = parseCsv('x,y\n1,10\n2,20\n3,30\n4,40\n5,50\n6,80\n', 'r.csv');
  const pre = fitPreprocessor(table, { label: 'y', features: ['x'], task: 'regression' }, [0, 1, 2, 3]);

  it('scores the model and, as a baseline, the training mean', () => {
    if (pre.label.kind !== 'target') throw new Error('expected a regression target');
    const { mean, std } = pre.label;
    expect(mean).toBe(25); // training rows' y: 10, 20, 30, 40
    // The model predicts 55 and 70 for the test rows (outputs are standardised).
    const outputs = Float32Array.from([55, 70], (v) => (v - mean) / std);
    const scored = scoreSplit(pre, table, [4, 5], outputs);
    if (scored.task !== 'regression') throw new Error('expected regression scores');
    expect(scored.metrics.mae).toBeCloseTo(7.5, 4); // |50 − 55|, |80 − 70|
    expect(scored.baseline.prediction).toBe(25);
    expect(scored.baseline.mae).toBeCloseTo(40, 4); // |50 − 25|, |80 − 25|
    expect(scored.baseline.rmse).toBeCloseTo(Math.sqrt((25 ** 2 + 55 ** 2) / 2), 4);
  });
});
