import { z } from 'zod';
import { metricNames } from '../spec/schema.ts';

/** zod schemas of the three baseline files, so a hand-edited or truncated file fails by field, not later. */

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int('must be a whole number').min(0, 'must be 0 or more');
const inferredType = z.enum(['Fractional', 'Integral', 'String', 'Unknown']);
const common = z.object({ num_present: count, num_missing: count });

const featureStatistics = z.object({
  name: z.string(),
  inferred_type: inferredType,
  numerical_statistics: z
    .object({
      common,
      mean: finite,
      sum: finite,
      std_dev: finite,
      min: finite,
      max: finite,
      distribution: z.object({ kll: z.object({ buckets: z.array(z.object({ lower_bound: finite, upper_bound: finite, count })) }) }),
    })
    .optional(),
  string_statistics: z
    .object({
      common,
      distinct_count: count,
      distribution: z.object({ categorical: z.object({ buckets: z.array(z.object({ value: z.string(), count })) }) }),
    })
    .optional(),
});

export const statisticsSchema = z.object({
  version: z.literal(0),
  dataset: z.object({ item_count: count }),
  features: z.array(featureStatistics),
});

const enabled = z.enum(['Enabled', 'Disabled']);
export const constraintsSchema = z.object({
  version: z.literal(0),
  features: z.array(
    z.object({
      name: z.string(),
      inferred_type: inferredType,
      completeness: z.number().min(0).max(1),
      num_constraints: z.object({ is_non_negative: z.boolean() }).optional(),
      string_constraints: z.object({ domains: z.array(z.string()) }).optional(),
    }),
  ),
  monitoring_config: z.object({
    evaluate_constraints: enabled,
    emit_metrics: enabled,
    datatype_check_threshold: z.number().min(0).max(1),
    domain_content_threshold: z.number().min(0).max(1),
    distribution_constraints: z.object({
      perform_comparison: enabled,
      comparison_threshold: z.number().min(0),
      comparison_method: z.enum(['Robust', 'Simple']),
      // Optional in AWS's schema (and absent from baselines Kiln wrote before it added them).
      categorical_comparison_threshold: z.number().min(0).optional(),
      categorical_drift_method: z.enum(['LInfinity', 'ChiSquared']).optional(),
    }),
  }),
});

export const kilnBaselineSchema = z.object({
  format: z.literal('kiln-monitor-baseline'),
  version: z.literal(1),
  kind: z.enum(['table', 'images']),
  task: z.enum(['classification', 'regression']),
  label: z.string().nullable(),
  classes: z.array(z.string()).nullable(),
  // Added after version 1 shipped: optional, so older baseline.json files still read.
  classCounts: z.record(z.string(), count).nullable().optional(),
  ignored: z.array(z.string()),
  metric: z
    .object({
      name: z.enum(metricNames),
      value: finite,
      higherIsBetter: z.boolean(),
      target: finite.nullable(),
      positiveClass: z.string().nullable().optional(),
    })
    .nullable(),
  prediction: featureStatistics.nullable(),
  predictionSample: z.array(finite).nullable(),
  samples: z.record(z.string(), z.array(finite)),
});
