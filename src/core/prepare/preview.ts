import { cellText, fileLine, type Table } from '../collect/table.ts';
import { isKilnError, KilnError } from '../errors.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';
import { validateSpec } from '../spec/validate.ts';
import { planRun, type RunPlan } from '../train/plan.ts';
import { ExpressionError } from './expression/index.ts';
import { rowWhere, selectColumns, selectRows } from './steps/columns.ts';
import { applyStep, isRowStep } from './steps/ops.ts';

/** A cell as the page shows it: a number, text, or null when missing. */
export type PreviewCell = number | string | null;

/** Which split a previewed row fell into; null for rows without a label (never trained on). */
export type PreviewSplit = 'train' | 'validation' | 'test' | null;

/** A few rows of a table; `line` is the row's line in the loaded file (header = line 1). */
export interface PreviewTable {
  columns: string[];
  rows: { line: number; split: PreviewSplit; cells: PreviewCell[] }[];
}

/** What went wrong; `step` is the index in spec.prepare when a step caused it, `position` 1-based in its expression. */
export interface PreviewProblem {
  message: string;
  /** The message without the file and spec path, for showing next to the step. */
  detail: string;
  path?: string;
  step?: number;
  position?: number;
}

/** The same rows before and after the prepare steps, and what the steps did to the table. */
export interface PreparePreview {
  before: PreviewTable;
  /** Null when even the steps before a failing one cannot run (e.g. the label is missing). */
  after: PreviewTable | null;
  added: string[];
  removed: string[];
  rowsBefore: number;
  rowsAfter: number;
  removedRows: RunPlan['removed'];
  warnings: string[];
  /** When set and `error.step` is too, `after` shows the steps before that one. */
  error: PreviewProblem | null;
  task: TaskKind | null;
  /**
   * The columns step i sees at columnsAt[i], and after the last planned step at the end; it
   * stops at a failing step (whose own entry is there), so column pickers offer what exists.
   */
  columnsAt: string[][];
  /** Columns the model reads after the steps, and how many numbers they encode to. */
  features: string[];
  inputWidth: number;
}

/**
 * Checks `spec` against the schema, runs the real run plan (row steps, split, steps fitted on
 * the training rows) on `raw` and returns its first `limit` rows next to the same rows as
 * loaded. A failing step does not blank the preview: the steps before it are shown, with the
 * error pointing at the step.
 *
 * previewPrepare(spec, iris, 2) // spec derives petal_area = petal_length * petal_width
 * // → { before: { columns: [… 'species'], rows: [{ line: 2, split: 'train', cells: [5.1, 3.5, 1.4, 0.2, 'setosa'] }, …] },
 * //     after: { columns: [… 'species', 'petal_area'], rows: [{ line: 2, …, cells: [… 'setosa', 0.28] }, …] }, added: ['petal_area'], … }
 */
export function previewPrepare(spec: PipelineSpec, raw: Table, limit = 10): PreparePreview {
  let plan: RunPlan | null = null;
  let planned = spec;
  let error: PreviewProblem | null = null;
  try {
    plan = checkedPlan(spec, raw);
  } catch (e) {
    error = describeProblem(e);
    if (error.step !== undefined) plan = tryPlan((planned = { ...spec, prepare: spec.prepare.slice(0, error.step) }), raw);
  }
  const rawNames = raw.columns.map((c) => c.name);
  const shown = plan ? plan.origin.slice(0, limit) : Array.from({ length: Math.min(limit, raw.rowCount) }, (_, i) => i);
  const splitOf = plan ? splitLookup(plan) : () => null;
  const before: PreviewTable = { columns: rawNames, rows: shown.map((r) => row(raw, r, r, splitOf(r))) };
  if (!plan) {
    const empty = { added: [], removed: [], rowsAfter: 0, removedRows: [], warnings: [], task: null, columnsAt: [], features: [], inputWidth: 0 };
    return { before, after: null, rowsBefore: raw.rowCount, error, ...empty };
  }
  const p = plan;
  const afterNames = p.table.columns.map((c) => c.name);
  const after: PreviewTable = { columns: afterNames, rows: shown.map((r, i) => row(p.table, i, r, splitOf(r))) };
  return {
    before,
    after,
    added: afterNames.filter((n) => !rawNames.includes(n)),
    removed: rawNames.filter((n) => !afterNames.includes(n)),
    rowsBefore: raw.rowCount,
    rowsAfter: p.table.rowCount,
    removedRows: p.removed,
    warnings: p.warnings,
    error,
    task: p.task,
    columnsAt: columnsPerStep(planned, raw, p),
    features: p.pre.features.map((f) => f.name),
    inputWidth: p.pre.width,
  };
}

/** Splits a thrown error into what the panel shows, finding the step from the KilnError's spec path. */
export function describeProblem(e: unknown): PreviewProblem {
  const message = e instanceof Error ? e.message : String(e);
  if (!isKilnError(e)) return { message, detail: message };
  const path = e.where.path;
  const match = path ? /^prepare\.(\d+)/.exec(path) : null;
  const problem: PreviewProblem = { message, detail: match ? stepDetail(e) : message, path };
  if (match) problem.step = Number(match[1]);
  if (e instanceof ExpressionError) problem.position = e.position;
  return problem;
}

/** The message without the spec path, keeping the file line and column that locate a bad cell. */
function stepDetail(e: { detail: string; where: { line?: number; column?: string } }): string {
  const at = [e.where.line !== undefined ? `line ${e.where.line}` : '', e.where.column !== undefined ? `column '${e.where.column}'` : '']
    .filter(Boolean)
    .join(', ');
  return at ? `${at}: ${e.detail}` : e.detail;
}

/** planRun on the spec as the schema reads it; the first schema issue becomes a KilnError at its path. */
function checkedPlan(spec: PipelineSpec, raw: Table): RunPlan {
  const checked = validateSpec(spec);
  if (checked.ok) return planRun(checked.spec, raw);
  const [first] = checked.issues;
  throw new KilnError(first.message, { path: first.path });
}

function tryPlan(spec: PipelineSpec, raw: Table): RunPlan | null {
  try {
    return checkedPlan(spec, raw);
  } catch {
    return null;
  }
}

/** Replays the fitted steps on an empty copy of the input, recording the columns before each step and at the end. */
function columnsPerStep(spec: PipelineSpec, raw: Table, plan: RunPlan): string[][] {
  const features = spec.data.features;
  let table = selectRows(features ? selectColumns(raw, [...features, spec.data.label]) : raw, []);
  const where = rowWhere(raw);
  const out: string[][] = [];
  let fitted = 0;
  for (const step of spec.prepare) {
    out.push(table.columns.map((c) => c.name));
    // Row steps change rows, never columns; every other step has a fitted counterpart, in order.
    if (!isRowStep(step)) table = applyStep(table, plan.prepare[fitted++], where);
  }
  out.push(table.columns.map((c) => c.name));
  return out;
}

function splitLookup(plan: RunPlan): (origin: number) => PreviewSplit {
  const byRow = new Map<number, PreviewSplit>();
  for (const part of ['train', 'validation', 'test'] as const) for (const i of plan.split[part]) byRow.set(plan.origin[i], part);
  return (origin) => byRow.get(origin) ?? null;
}

function row(table: Table, i: number, origin: number, split: PreviewSplit): PreviewTable['rows'][number] {
  const cells = table.columns.map((c) => (c.type === 'numeric' ? (Number.isNaN(c.values[i]) ? null : c.values[i]) : cellText(c, i)));
  return { line: fileLine(table, origin), split, cells };
}
