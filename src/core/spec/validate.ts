import { withModelTrainDefaults } from '../train/presets.ts';
import { pipelineSpecSchema, type PipelineSpec } from './schema.ts';

/** One problem in a spec, located by its dotted path. */
export interface SpecIssue {
  path: string;
  message: string;
}

export type SpecResult = { ok: true; spec: PipelineSpec } | { ok: false; issues: SpecIssue[] };

/**
 * Checks a parsed JSON value against the pipeline spec and fills in defaults (per model where they differ: presets.ts).
 *
 * validateSpec({ version: 1, data: { source: 'iris.csv', label: 'species' }, split: { train: 2 } })
 * // → { ok: false, issues: [{ path: 'split.train', message: 'must be between 0 and 1' }, …] }
 */
export function validateSpec(value: unknown): SpecResult {
  const parsed = pipelineSpecSchema.safeParse(withModelTrainDefaults(value), { reportInput: true });
  if (parsed.success) return { ok: true, spec: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(spec)',
    message: describe(issue),
  }));
  return { ok: false, issues };
}

/** Formats issues as `path: message` lines. */
export function formatSpecIssues(issues: SpecIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}

type ZodIssue = import('zod').ZodError['issues'][number];

function describe(issue: ZodIssue): string {
  if (issue.path[0] === 'version' && issue.path.length === 1) return 'must be 1 (the only spec version Kiln knows)';
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  if (issue.code === 'invalid_type') return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

/** The smallest spec the studio starts from. */
export function defaultSpec(source: string, label: string): PipelineSpec {
  const result = validateSpec({ version: 1, data: { source, label } });
  if (!result.ok) throw new Error(formatSpecIssues(result.issues));
  return result.spec;
}
