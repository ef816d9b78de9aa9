import { metricValue } from '../evaluate/goal.ts';
import type { PipelineSpec } from '../spec/schema.ts';
import type { SplitMetrics } from '../train/protocol.ts';

/**
 * The goal metric of a finished run on its test split, as a baseline carries it; null when the
 * goal's metric is of the other task kind or undefined on the test split.
 *
 * testMetric({ test: { task: 'classification', metrics: { accuracy: 0.93, … } }, spec: { goal: { metric: 'accuracy', target: 0.9 }, … } })
 * // → { name: 'accuracy', value: 0.93, target: 0.9, positiveClass: null }
 */
export function testMetric(result: { test: SplitMetrics; spec: Pick<PipelineSpec, 'goal' | 'evaluate'> }) {
  const { metric, target } = result.spec.goal;
  const value = metricValue(result.test.metrics, metric);
  if (value === undefined || !Number.isFinite(value)) return null;
  return { name: metric, value, target: target ?? null, positiveClass: result.spec.evaluate.positiveClass ?? null };
}
