import type { TrainResult } from '../train/protocol.ts';
import type { EpochLogs } from '../train/protocol.ts';

/**
 * The metric lines `kiln sagemaker-train` prints and the MetricDefinitions regexes that read them
 * back, from one list so the two cannot drift apart. A line holds `name=value;` pairs, e.g.
 * `kiln-metrics epoch=3; train:loss=0.4121; validation:loss=0.4502; validation:accuracy=0.9333;`.
 */

/** Metrics scored on the validation and test splits at the end of a job (Kiln's tuning objectives but loss). */
const splitMetrics = ['accuracy', 'f1Macro', 'precisionMacro', 'recallMacro', 'rmse', 'mae', 'r2'] as const;

/** Every metric a job reports, as SageMaker names it; `validation:<m>` is the tuning objective for Kiln's `validation.<m>`. */
export const jobMetricNames = [
  'train:loss',
  'validation:loss',
  ...splitMetrics.map((m) => `validation:${m}` as const),
  ...splitMetrics.map((m) => `test:${m}` as const),
] as const;
export type JobMetricName = (typeof jobMetricNames)[number];

/** Metrics printed after every epoch as well as at the end: what early stopping and Hyperband can watch. */
export const perEpochMetrics: readonly JobMetricName[] = ['train:loss', 'validation:loss', 'validation:accuracy'];

/** A decimal or scientific number, as `formatValue` writes it. */
const numberPattern = '(-?[0-9]+(?:[.][0-9]+)?(?:[eE][-+]?[0-9]+)?)';

/**
 * The regex SageMaker applies to each log line for `name`; group 1 is the value.
 *
 * metricRegex('validation:f1Macro') // → 'validation:f1Macro=(-?[0-9]+(?:[.][0-9]+)?(?:[eE][-+]?[0-9]+)?);'
 */
export function metricRegex(name: JobMetricName): string {
  return `${name}=${numberPattern};`;
}

/** AlgorithmSpecification.MetricDefinitions: one { Name, Regex } per metric (SageMaker allows 40). */
export function metricDefinitions(): { Name: string; Regex: string }[] {
  return jobMetricNames.map((name) => ({ Name: name, Regex: metricRegex(name) }));
}

/** 8 significant digits, no trailing zeros: enough for any objective, short in the logs. */
function formatValue(v: number): string {
  return String(Number(v.toPrecision(8)));
}

/**
 * One log line of metrics; non-finite values are left out (a regex could not read them and a
 * tuning job must not rank a diverged run by a made-up number).
 *
 * metricLine({ 'validation:accuracy': 0.93333333333 }, 4) // → 'kiln-metrics epoch=4; validation:accuracy=0.93333333;'
 */
export function metricLine(values: Partial<Record<JobMetricName, number>>, epoch?: number): string {
  const parts = epoch === undefined ? [] : [`epoch=${epoch};`];
  for (const name of jobMetricNames) {
    const v = values[name];
    if (v !== undefined && Number.isFinite(v)) parts.push(`${name}=${formatValue(v)};`);
  }
  return ['kiln-metrics', ...parts].join(' ');
}

/** The per-epoch values of one epoch's logs. */
export function epochMetrics(logs: EpochLogs): Partial<Record<JobMetricName, number>> {
  return { 'train:loss': logs.loss, 'validation:loss': logs.valLoss, 'validation:accuracy': logs.valAcc };
}

/**
 * The end-of-job values: validation loss as Kiln's tuner scores it (the last epoch's), and every
 * split metric the task has, for validation and test.
 */
export function finalMetrics(result: TrainResult): Partial<Record<JobMetricName, number>> {
  const last = result.history.at(-1);
  const out: Partial<Record<JobMetricName, number>> = { 'train:loss': last?.loss, 'validation:loss': last?.valLoss };
  const read = (split: 'validation' | 'test', metrics: object | undefined) => {
    for (const m of splitMetrics) {
      const v = (metrics as Record<string, unknown> | undefined)?.[m];
      if (typeof v === 'number') out[`${split}:${m}`] = v;
    }
  };
  read('validation', result.validation?.metrics);
  read('test', result.test.metrics);
  return out;
}

/**
 * Every value a line holds, read back with the regexes (what SageMaker does with the job's logs).
 *
 * readMetricLine('kiln-metrics validation:loss=0.25;') // → { 'validation:loss': 0.25 }
 */
export function readMetricLine(line: string, definitions = metricDefinitions()): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of definitions) {
    const m = new RegExp(d.Regex).exec(line);
    if (m) out[d.Name] = Number(m[1]);
  }
  return out;
}
