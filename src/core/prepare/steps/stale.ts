import { columnsOf, parseExpression } from '../expression/index.ts';
import type { PrepareStep } from './schema.ts';

/** A step that names columns a newly loaded table does not have. */
export interface StaleStep {
  /** Position in the step list. */
  index: number;
  step: PrepareStep;
  /** The columns it names that are missing, in the order it names them. */
  missing: string[];
}

/**
 * The steps of `steps` written for another data set: those naming a column that neither
 * `columns` (the table just loaded) nor an earlier step provides. Columns an earlier step makes
 * count as provided: a derived `name`, a transform's or bin's `as`, `<c>_was_missing` after an
 * impute with an indicator, and `<c>=<value>` after a one-hot of `<c>`. Steps that name no column
 * (scale every numeric column, drop duplicates) suit any table and are never stale.
 *
 * staleSteps([{ op: 'drop', columns: ['petal_width'] }], ['bill_length', 'species'])
 * // → [{ index: 0, step, missing: ['petal_width'] }]
 */
export function staleSteps(steps: readonly PrepareStep[], columns: readonly string[]): StaleStep[] {
  const available = new Set(columns);
  const encoded = new Set<string>(); // columns one-hot encoded so far, whose '<c>=<value>' columns exist
  const flagged = new Set<string>(); // columns imputed with an indicator so far
  const provided = (name: string): boolean => {
    if (available.has(name)) return true;
    const eq = name.indexOf('=');
    if (eq > 0 && encoded.has(name.slice(0, eq))) return true;
    return name.endsWith(wasMissing) && flagged.has(name.slice(0, -wasMissing.length));
  };
  const stale: StaleStep[] = [];
  steps.forEach((step, index) => {
    const missing = namedColumns(step).filter((c) => !provided(c));
    if (missing.length > 0) stale.push({ index, step, missing });
    for (const made of madeColumns(step)) available.add(made);
    if (step.op === 'onehot') for (const c of step.columns ?? [...available]) encoded.add(c);
    if (step.op === 'impute' && step.indicator) for (const c of step.columns ?? [...available]) flagged.add(c);
  });
  return stale;
}

const wasMissing = '_was_missing';

/** Columns a step reads or changes by name (not those it only creates). */
function namedColumns(step: PrepareStep): string[] {
  switch (step.op) {
    case 'drop':
      return step.columns;
    case 'impute':
    case 'scale':
    case 'onehot':
    case 'clip':
      return step.columns ?? [];
    case 'ordinal':
    case 'transform':
    case 'bin':
    case 'cast':
      return [step.column];
    case 'derive':
      return expressionColumns(step.expression);
    case 'dropDuplicates':
    case 'dropMissingLabel':
      return [];
  }
}

/** Columns a step adds under a name it states. */
function madeColumns(step: PrepareStep): string[] {
  if (step.op === 'derive') return [step.name];
  if ((step.op === 'transform' || step.op === 'bin') && step.as !== undefined) return [step.as];
  return [];
}

function expressionColumns(expression: string): string[] {
  try {
    return columnsOf(parseExpression(expression));
  } catch {
    return []; // a step that does not parse is reported as such by the Prepare panel
  }
}
