import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../../src/core/errors.ts';
import { baselineFiles, checkBatch, parseBaselineFiles, tableBaseline } from '../../../src/core/monitor/index.ts';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { predict, syntheticBaseline, syntheticTable } from './synthetic.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('baseline files', () => {
  const baseline = syntheticBaseline();
  const files = baselineFiles(baseline);

  it('write statistics.json and constraints.json in Model Monitor’s schema', () => {
    const statistics = JSON.parse(text(files['statistics.json']));
    expect(statistics.version).toBe(0);
    expect(statistics.dataset).toEqual({ item_count: 2000 });
    const age = statistics.features[0];
    expect(Object.keys(age)).toEqual(['name', 'inferred_type', 'numerical_statistics']);
    expect(age.inferred_type).toBe('Integral');
    expect(Object.keys(age.numerical_statistics)).toEqual(['common', 'mean', 'sum', 'std_dev', 'min', 'max', 'distribution']);
    expect(age.numerical_statistics.common).toEqual({ num_present: 2000, num_missing: 0 });
    expect(age.numerical_statistics.mean).toBeCloseTo(40, 0);
    expect(age.numerical_statistics.std_dev).toBeCloseTo(10, 0);
    expect(age.numerical_statistics.sum).toBeCloseTo(age.numerical_statistics.mean * 2000, 6);
    const buckets = age.numerical_statistics.distribution.kll.buckets;
    expect(buckets).toHaveLength(10);
    expect(buckets[0].lower_bound).toBe(age.numerical_statistics.min);
    expect(buckets[9].upper_bound).toBe(age.numerical_statistics.max);
    expect(buckets.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(2000);
    const colour = statistics.features[3];
    expect(colour.inferred_type).toBe('String');
    expect(colour.string_statistics.distinct_count).toBe(4);
    expect(colour.string_statistics.distribution.categorical.buckets.map((b: { value: string }) => b.value).sort()).toEqual(['blue', 'green', 'purple', 'red']);

    const constraints = JSON.parse(text(files['constraints.json']));
    expect(constraints.version).toBe(0);
    expect(constraints.features[0]).toEqual({ name: 'age', inferred_type: 'Integral', completeness: 1, num_constraints: { is_non_negative: true } });
    expect(constraints.features[2].inferred_type).toBe('Fractional');
    expect(constraints.features[3].string_constraints.domains.sort()).toEqual(['blue', 'green', 'purple', 'red']);
    expect(constraints.monitoring_config).toEqual({
      evaluate_constraints: 'Enabled',
      emit_metrics: 'Enabled',
      datatype_check_threshold: 1,
      domain_content_threshold: 1,
      distribution_constraints: {
        perform_comparison: 'Enabled',
        comparison_threshold: 0.1,
        comparison_method: 'Robust',
        categorical_comparison_threshold: 0.1,
        categorical_drift_method: 'LInfinity',
      },
    });
  });

  it('round-trip through parseBaselineFiles, and check batches the same after', () => {
    const back = parseBaselineFiles(files);
    expect(back.statistics).toEqual(baseline.statistics);
    expect(back.constraints).toEqual(baseline.constraints);
    expect(back.samples).toEqual(baseline.samples);
    expect(back.samples.age).toHaveLength(1000); // 2000 rows thinned to 1000 order statistics
    expect(back.prediction).toEqual(baseline.prediction);
    expect(back.metric).toEqual({ name: 'accuracy', value: 0.92, higherIsBetter: true, target: 0.9, positiveClass: null });
    expect([back.label, back.classes, back.task, back.kind]).toEqual(['y', ['no', 'yes'], 'classification', 'table']);
    const batch = syntheticTable(400, 9, { age: 8 });
    expect(checkBatch(back, batch, { predictions: predict(batch) })).toEqual(checkBatch(baseline, batch, { predictions: predict(batch) }));
  });

  const broken: [string, string, string][] = [
    ['statistics.json', '{"version": 0, "dataset": {', 'statistics.json: is not valid JSON'],
    ['constraints.json', text(files['constraints.json']).replace('"completeness": 1', '"completeness": 7'), 'constraints.json, features.0.completeness: does not match its schema'],
    ['baseline.json', text(files['baseline.json']).replace('"version": 1', '"version": 9'), 'baseline.json, version: does not match its schema'],
    ['baseline.json', text(files['baseline.json']).replace('"name": "accuracy"', '"name": "accurcy"'), 'baseline.json, metric.name: does not match its schema'],
  ];
  for (const [name, content, message] of broken) {
    it(`a corrupted ${name} is a KilnError naming the file: "${message}…"`, () => {
      let error: unknown;
      try {
        parseBaselineFiles({ ...files, [name]: content });
      } catch (e) {
        error = e;
      }
      expect(isKilnError(error)).toBe(true);
      expect((error as Error).message.startsWith(message)).toBe(true);
    });
  }

  it('a missing file says the model has no baseline and what to do', () => {
    const { ['baseline.json']: _, ...rest } = files;
    expect(() => parseBaselineFiles(rest, 'out/model')).toThrow("out/model/baseline.json: is missing; the model folder has no monitoring baseline. Retrain with this Kiln ('kiln run' writes it into model/)");
  });

  it('keeps the training columns the model ignores, and missing values in completeness', () => {
    const table = parseCsv('id,x,colour,y\n1,1.5,red,a\n2,,blue,b\n3,2.5,red,a\n4,-1,,b\n', 'train.csv');
    const b = tableBaseline({ table, rows: [0, 1, 2, 3], fields: ['x', 'colour'], label: 'y', task: 'classification', predictions: ['a', 'b'], metric: null });
    expect(b.ignored).toEqual(['id']);
    expect(b.constraints.features).toEqual([
      { name: 'x', inferred_type: 'Fractional', completeness: 0.75, num_constraints: { is_non_negative: false } },
      { name: 'colour', inferred_type: 'String', completeness: 0.75, string_constraints: { domains: ['red', 'blue'] } },
    ]);
    expect(b.statistics.features[0].numerical_statistics).toMatchObject({ common: { num_present: 3, num_missing: 1 }, mean: 1, sum: 3, min: -1, max: 2.5 });
    expect(b.samples.x).toEqual([-1, 1.5, 2.5]);
  });
});
