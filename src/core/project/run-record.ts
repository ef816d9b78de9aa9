import { z } from 'zod';
import { fnv1a64 } from '../deploy/sagemaker/names.ts';
import type { PipelineSpec } from '../spec/schema.ts';
import { validateSpec } from '../spec/validate.ts';
import type { TrainResult } from '../train/protocol.ts';

/** One finished training run as a project keeps it: enough to list, sort and compare it later. */
export interface RunRecord {
  id: number;
  /** e.g. "Run 2 · mlp 16 · adam lr 0.005 · 200 epochs". */
  label: string;
  /** ISO time the run finished. */
  finishedAt: string;
  /** Digest of the spec the run used (see specHash): equal hashes, equal settings. */
  specHash: string;
  /** Digest of the data it trained on (dataFingerprint); empty when the worker could not say. */
  dataFingerprint: string;
  kind: 'table' | 'images';
  /** Wall-clock milliseconds of training, summed over epochs. */
  durationMs: number;
  /** The whole result: metrics, curves (history), backend, predictions on the test rows, spec. */
  result: TrainResult;
}

/**
 * A short digest of a spec, stable across key order: two runs with equal hashes used equal settings.
 *
 * specHash(defaultSpec('iris.csv', 'species')) // → '5b0c…' (16 hex digits)
 */
export function specHash(spec: PipelineSpec): string {
  return fnv1a64(new TextEncoder().encode(canonicalJson(spec)));
}

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** A run record made from a finished result. */
export function recordRun(id: number, label: string, result: TrainResult, info: { kind: 'table' | 'images'; fingerprint: string } | null, finishedAt = new Date()): RunRecord {
  const durationMs = Math.round(result.history.reduce((sum, h) => sum + (h.ms ?? 0), 0));
  return { id, label, finishedAt: finishedAt.toISOString(), specHash: specHash(result.spec), dataFingerprint: info?.fingerprint ?? '', kind: info?.kind ?? 'table', durationMs, result };
}

// JSON turns NaN and ±Infinity into null, so every number read back may be null.
const num = z.number().nullable();
const metrics = z.looseObject({}).refine((m) => Object.values(m).every((v) => v === null || ['number', 'string', 'object', 'boolean'].includes(typeof v)));
const splitMetrics = z.looseObject({ task: z.enum(['classification', 'regression']), metrics });
const epochLogs = z.looseObject({ epoch: z.number().int(), loss: num, valLoss: num.optional(), acc: num.optional(), valAcc: num.optional(), ms: num, best: z.boolean().optional() });
const spec = z.unknown().transform((value, ctx) => {
  const r = validateSpec(value);
  if (r.ok) return r.spec;
  ctx.addIssue({ code: 'custom', message: `not a valid spec (${r.issues[0]?.path}: ${r.issues[0]?.message})` });
  return z.NEVER;
});

/** A run's TrainResult as runs.json (and a kept history model) stores it; loose, so every field is kept. */
export const trainResultSchema = z.looseObject({
  task: z.enum(['classification', 'regression']),
  backend: z.looseObject({ name: z.string(), reason: z.string(), basis: z.string() }),
  split: z.object({ train: z.number().int().min(0), validation: z.number().int().min(0), test: z.number().int().min(0) }),
  classes: z.array(z.string()).optional(),
  history: z.array(epochLogs),
  validation: splitMetrics.optional(),
  test: splitMetrics,
  predictions: z.looseObject({ rows: z.array(z.number().int()), labels: z.array(z.string()), predictions: z.array(z.string()), probabilities: z.array(z.array(num)).optional() }),
  stopped: z.boolean(),
  spec,
});

/** runs.json: the project's run history, oldest first. */
export const runsSchema = z.array(
  z.object({
    id: z.number().int().min(1),
    label: z.string().max(500),
    finishedAt: z.string().max(40),
    specHash: z.string().max(64),
    dataFingerprint: z.string().max(64),
    kind: z.enum(['table', 'images']),
    durationMs: z.number().min(0),
    result: trainResultSchema,
  }),
);
