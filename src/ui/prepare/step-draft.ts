import { prepareStepSchema, type PrepareOp, type PrepareStep, type PrepareStepInput } from '../../core/prepare/steps/schema.ts';
import { opMeta, type Draft } from './step-meta.ts';

/** One schema problem with a step draft; `field` is the step property it concerns ('' for the whole step). */
export interface DraftIssue {
  field: string;
  path: string;
  message: string;
}

/** A draft's step when the schema accepts it, else the issues to show next to its fields. */
export type DraftResult = { ok: true; step: PrepareStep } | { ok: false; issues: DraftIssue[] };

/** A fresh form for `op` with its default values. */
export function newDraft(op: PrepareOp): Draft {
  return structuredClone(opMeta[op].defaults);
}

/** The form for an existing step, so it can be edited. */
export function draftOf(step: PrepareStep): Draft {
  const draft = newDraft(step.op);
  for (const [key, value] of Object.entries(step)) {
    if (key === 'op' || value === undefined) continue;
    draft[key] = Array.isArray(value) ? (key === 'order' ? value.join(', ') : [...value]) : typeof value === 'boolean' ? value : String(value);
  }
  return draft;
}

/**
 * Reads a draft the way the spec will: typed text becomes numbers, empty optional fields are
 * left out, and the result goes through the zod `prepareStepSchema`.
 *
 * checkDraft('bin', { column: 'age', bins: '1', strategy: 'quantile', as: '' })
 * // → { ok: false, issues: [{ field: 'bins', path: 'bins', message: 'must be 2 or more' }] }
 */
export function checkDraft(op: PrepareOp, draft: Draft): DraftResult {
  const input: Record<string, unknown> = { op };
  for (const field of opMeta[op].fields) {
    if (field.when && !field.when(draft)) continue;
    const value = draft[field.key];
    if (field.kind === 'flag') input[field.key] = value === true;
    else if (Array.isArray(value)) {
      if (value.length > 0 || !field.optional) input[field.key] = value;
    } else if (typeof value === 'string') {
      const text = value.trim();
      if (text === '' && field.optional) continue;
      if (field.kind === 'number') input[field.key] = text === '' ? undefined : Number(text);
      else if (field.kind === 'list') input[field.key] = text.split(',').map((t) => t.trim()).filter(Boolean);
      // A constant fill is a number when it reads as one, so a numeric column gets a number.
      else if (field.kind === 'value') input[field.key] = text !== '' && Number.isFinite(Number(text)) ? Number(text) : text || undefined;
      else input[field.key] = field.kind === 'expression' ? value : text;
    }
  }
  const parsed = prepareStepSchema.safeParse(input as PrepareStepInput);
  if (parsed.success) return { ok: true, step: parsed.data };
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && input[String(issue.path[0])] === undefined;
    return { field: String(issue.path[0] ?? ''), path, message: missing ? 'is required' : issue.message };
  });
  return { ok: false, issues };
}

const list = (names: readonly string[] | undefined, all = 'all suitable columns') => (names?.length ? names.join(', ') : all);

/**
 * A one-line reading of a step for the step list.
 *
 * describeStep({ op: 'derive', name: 'bmi', expression: 'w / h^2' }) // → 'bmi = w / h^2'
 */
export function describeStep(step: PrepareStep): string {
  switch (step.op) {
    case 'drop':
      return `remove ${list(step.columns)}`;
    case 'dropDuplicates':
      return 'remove rows identical to an earlier row';
    case 'dropMissingLabel':
      return 'remove rows without a label';
    case 'impute': {
      const fill = step.strategy === 'dropRows' ? 'drop rows missing' : `fill with ${step.strategy === 'constant' ? JSON.stringify(step.value) : step.strategy}:`;
      return `${fill} ${list(step.columns, 'any column')}${step.indicator ? ' (+ was_missing flags)' : ''}`;
    }
    case 'scale':
      return `${step.method}: ${list(step.columns, 'all numeric columns')}`;
    case 'onehot':
      return `${list(step.columns, 'all categorical columns')} (up to ${step.maxCategories} values each)`;
    case 'ordinal':
      return `${step.column} → position in ${step.order ? step.order.join(' < ') : 'sorted order'}`;
    case 'transform':
      return `${step.as ?? step.column} = ${step.fn === 'power' ? `${step.column} ^ ${step.power}` : `${step.fn}(${step.column})`}`;
    case 'clip':
      return `${list(step.columns, 'all numeric columns')} to quantiles ${step.lower}–${step.upper}`;
    case 'bin':
      return `${step.as ?? step.column} = ${step.bins} ${step.strategy} bins of ${step.column}`;
    case 'derive':
      return `${step.name} = ${step.expression}`;
    case 'cast':
      return `${step.column} as ${step.type}`;
  }
}
