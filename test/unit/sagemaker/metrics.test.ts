import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobMetricNames, metricDefinitions, metricLine, readMetricLine } from '../../../src/core/sagemaker/metrics.ts';

describe('metric lines and MetricDefinitions', () => {
  it('writes name=value; pairs that the regexes read back, each regex only its own metric', () => {
    const line = metricLine({ 'train:loss': 0.5, 'validation:loss': 0.25, 'validation:accuracy': 0.9333333333, 'test:accuracy': 0.875 }, 4);
    expect(line).toBe('kiln-metrics epoch=4; train:loss=0.5; validation:loss=0.25; validation:accuracy=0.93333333; test:accuracy=0.875;');
    expect(readMetricLine(line)).toEqual({ 'train:loss': 0.5, 'validation:loss': 0.25, 'validation:accuracy': 0.93333333, 'test:accuracy': 0.875 });
  });

  it('leaves out values a regex could not read (NaN, Infinity)', () => {
    expect(metricLine({ 'validation:loss': Number.NaN, 'validation:rmse': Number.POSITIVE_INFINITY, 'validation:r2': -3 })).toBe('kiln-metrics validation:r2=-3;');
  });

  it('fits SageMaker: at most 40 definitions, names ≤ 255 and regexes ≤ 500 characters, no backslashes', () => {
    const defs = metricDefinitions();
    expect(defs.map((d) => d.Name)).toEqual([...jobMetricNames]);
    expect(defs.length).toBeLessThanOrEqual(40);
    for (const d of defs) {
      expect(d.Name.length).toBeLessThanOrEqual(255);
      expect(d.Regex.length).toBeLessThanOrEqual(500);
      expect(d.Regex).not.toContain('\\');
    }
  });

  it('reads back every finite value to its 8 significant digits', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(...jobMetricNames), (v, name) => {
        const back = readMetricLine(metricLine({ [name]: v }))[name];
        return back === Number(v.toPrecision(8));
      }),
      { numRuns: 500 },
    );
  });
});
