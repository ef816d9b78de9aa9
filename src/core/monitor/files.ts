import type { z } from 'zod';
import { KilnError } from '../errors.ts';
import type { Baseline } from './baseline.ts';
import { constraintsSchema, kilnBaselineSchema, statisticsSchema } from './files-schema.ts';
import type { ConstraintsDocument, MonitorReport, StatisticsDocument } from './protocol.ts';

/** The baseline's file names in a model folder: Model Monitor's two, and Kiln's own. */
export const BASELINE_FILES = ['statistics.json', 'constraints.json', 'baseline.json'] as const;

/** Version of baseline.json's layout; a reader refuses other versions by name. */
export const BASELINE_FORMAT = 1;

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');

/**
 * The baseline as files: statistics.json and constraints.json in Model Monitor's schema, and
 * baseline.json with what Model Monitor has no place for (samples, prediction distribution, metric).
 *
 * Object.keys(baselineFiles(baseline)) // → ['statistics.json', 'constraints.json', 'baseline.json']
 */
export function baselineFiles(b: Baseline): Record<(typeof BASELINE_FILES)[number], Uint8Array> {
  const own = {
    format: 'kiln-monitor-baseline',
    version: BASELINE_FORMAT,
    kind: b.kind,
    task: b.task,
    label: b.label,
    classes: b.classes,
    classCounts: b.classCounts,
    ignored: b.ignored,
    metric: b.metric,
    prediction: b.prediction,
    predictionSample: b.predictionSample,
    samples: b.samples,
  };
  return { 'statistics.json': json(b.statistics), 'constraints.json': json(b.constraints), 'baseline.json': json(own) };
}

/**
 * Reads the three baseline files back, checking each against its schema; anything missing,
 * malformed or of another version is a KilnError naming the file and the field.
 *
 * parseBaselineFiles({ 'statistics.json': …, 'constraints.json': …, 'baseline.json': … }) // → Baseline
 * // or KilnError "constraints.json, features.0.completeness: Too big: expected number to be <=1"
 */
export function parseBaselineFiles(files: Readonly<Record<string, Uint8Array | string | undefined>>, dir?: string): Baseline {
  const read = <T extends z.ZodType>(name: string, schema: T): z.output<T> => {
    const file = dir ? `${dir}/${name}` : name;
    const source = files[name];
    if (source === undefined) {
      throw new KilnError(`is missing; the model folder has no monitoring baseline. Retrain with this Kiln ('kiln run' writes it into model/)`, { file });
    }
    let value: unknown;
    try {
      value = JSON.parse(typeof source === 'string' ? source : new TextDecoder().decode(source));
    } catch (e) {
      throw new KilnError(`is not valid JSON (${(e as Error).message}); restore it from the model folder 'kiln run' wrote`, { file });
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const [issue] = result.error.issues;
    throw new KilnError(`does not match its schema: ${issue.message}`, { file, path: issue.path.map(String).join('.') || undefined });
  };
  const statistics = read('statistics.json', statisticsSchema) as StatisticsDocument;
  const constraints = read('constraints.json', constraintsSchema) as ConstraintsDocument;
  const own = read('baseline.json', kilnBaselineSchema);
  const described = new Set(statistics.features.map((f) => f.name));
  const undescribed = constraints.features.find((f) => !described.has(f.name));
  if (undescribed) throw new KilnError(`constrains feature '${undescribed.name}' that statistics.json does not describe; the two files are from different models`, { file: 'constraints.json' });
  return { statistics, constraints, ...own, classCounts: own.classCounts ?? null, prediction: own.prediction as Baseline['prediction'], metric: own.metric };
}

/** violations.json, as Model Monitor writes constraint_violations.json. */
export function violationsFile(report: MonitorReport): Uint8Array {
  return json({ violations: report.violations });
}

/** drift.json: the whole MonitorReport. */
export function driftFile(report: MonitorReport): Uint8Array {
  return json(report);
}
