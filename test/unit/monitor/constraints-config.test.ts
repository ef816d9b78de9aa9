import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MONITORING_CONFIG, tableBaseline } from '../../../src/core/monitor/index.ts';
import { constraintsSchema } from '../../../src/core/monitor/files-schema.ts';

/** AWS's documented constraints.json example and defaults (test/fixtures/monitor, source inside). */
const aws = JSON.parse(readFileSync(new URL('../../fixtures/monitor/aws-constraints-example.json', import.meta.url), 'utf8'));

/** Every key path of a JSON object, e.g. "distribution_constraints.comparison_method". */
function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}

describe("monitoring_config against AWS's documented constraints.json", () => {
  it('has exactly the keys of the documented example', () => {
    expect(keys(DEFAULT_MONITORING_CONFIG)).toEqual(keys(aws.example.monitoring_config));
  });

  it('uses the documented defaults for the distribution comparison', () => {
    const d = aws.documented_defaults;
    const c = DEFAULT_MONITORING_CONFIG;
    expect(c.evaluate_constraints).toBe(d.evaluate_constraints);
    expect(c.emit_metrics).toBe(d.emit_metrics);
    expect(c.distribution_constraints.perform_comparison).toBe(d.perform_comparison);
    expect(c.distribution_constraints.comparison_threshold).toBe(d.comparison_threshold);
    // "Default: the value assigned to the comparison_threshold parameter".
    expect(c.distribution_constraints.categorical_comparison_threshold).toBe(c.distribution_constraints.comparison_threshold);
    expect(c.distribution_constraints.categorical_drift_method).toBe(d.categorical_drift_method);
    expect(aws.choices.comparison_method).toContain(c.distribution_constraints.comparison_method);
  });

  it('keeps the share thresholds at 1.0, as the service applies them ("Expected match: 100.0%"), not the page\'s 0.1', () => {
    expect(aws.documented_defaults.datatype_check_threshold).toBe(0.1);
    expect(DEFAULT_MONITORING_CONFIG.datatype_check_threshold).toBe(1);
    expect(DEFAULT_MONITORING_CONFIG.domain_content_threshold).toBe(1);
  });

  it("reads AWS's example, and a baseline Kiln writes, with the same schema", () => {
    const parsed = constraintsSchema.parse(aws.example);
    expect(parsed.monitoring_config.distribution_constraints.categorical_drift_method).toBe('LInfinity');
    const table = { source: 't.csv', rowCount: 3, warnings: [], columns: [{ name: 'x', type: 'numeric' as const, values: Float64Array.of(1, 2, 3) }] };
    const baseline = tableBaseline({ table, rows: [0, 1, 2], fields: ['x'], label: 'y', task: 'regression', predictions: [], metric: null });
    expect(constraintsSchema.parse(JSON.parse(JSON.stringify(baseline.constraints))).monitoring_config).toEqual(DEFAULT_MONITORING_CONFIG);
  });
});
