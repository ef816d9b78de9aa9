/**
 * The Kiln side of the defaults benchmark: one table, one seed, a spec with nothing but
 * version/data/seed (every other field its default), trained in-process by the same `trainOn`
 * that `kiln run` calls. It returns a job for bench/lib/defaults_sklearn.py: the columns as Kiln
 * parsed them, the split Kiln drew, and Kiln's test predictions.
 */
import type { Table } from '../../src/core/collect/table.ts';
import { readSourceTable } from '../../src/cli/source.ts';
import { formatSpecIssues, validateSpec } from '../../src/core/spec/validate.ts';
import { planRun } from '../../src/core/train/plan.ts';
import { disposeModel } from '../../workers/train/model.ts';
import { trainOn } from '../../workers/train/pipeline.ts';

/** One public table: where it is, its label, and what Kiln should detect as the task. */
export interface BenchTable {
  name: string;
  path: string;
  label: string;
  task: 'classification' | 'regression';
}

/** What the reference needs to fit on Kiln's rows and score both sides on Kiln's test rows. */
export interface SklearnJob {
  task: BenchTable['task'];
  columns: { name: string; kind: 'numeric' | 'onehot'; values: (number | string | null)[] }[];
  label: (number | string | null)[];
  train: number[];
  validation: number[];
  test: number[];
  /** Kiln's test predictions, row-aligned with `test` (class names or numbers). */
  kiln: (number | string)[];
}

/** Kiln's run of a table with its defaults, plus how long training took and when it stopped. */
export interface KilnRun {
  job: SklearnJob;
  epochs: number;
  bestEpoch?: number;
  seconds: number;
  /** The model the run kept when it compared the MLP with a linear one. */
  picked?: 'mlp' | 'linear';
}

export const loadTable = (t: BenchTable): Promise<Table> => readSourceTable(t.path, '/');

/** `extra` overlays spec fields (`--spec '{"train":{…}}'`) to try a candidate default; empty is the benchmark. */
export async function runKiln(table: BenchTable, raw: Table, seed: number, extra: Record<string, unknown> = {}): Promise<KilnRun> {
  const checked = validateSpec({ version: 1, data: { source: table.path, label: table.label }, seed, backend: 'cpu', ...extra });
  if (!checked.ok) throw new Error(formatSpecIssues(checked.issues));
  const spec = checked.spec;
  // planRun is pure and seeded, so it draws exactly the split trainOn draws inside.
  const plan = planRun(spec, raw);
  if (plan.task !== table.task) throw new Error(`${table.name}: Kiln detected ${plan.task}, expected ${table.task}`);
  const start = performance.now();
  const trained = await trainOn(spec, raw);
  const seconds = (performance.now() - start) / 1000;
  disposeModel(trained.model);
  const { predictions, history, bestEpoch, modelChoice } = trained.result;
  if (predictions.rows.join() !== plan.split.test.map((r) => plan.origin[r]).join()) throw new Error(`${table.name}: test rows differ from the plan`);
  const columns = plan.pre.features.map((f) => ({ name: f.name, kind: f.kind, values: columnValues(plan.table, f.name) }));
  const label = columnValues(plan.table, table.label);
  const kiln = table.task === 'regression' ? predictions.predictions.map(Number) : predictions.predictions;
  const { train, validation, test } = plan.split;
  const job: SklearnJob = { task: table.task, columns, label, train, validation, test, kiln };
  return { job, epochs: history.length, bestEpoch, seconds, picked: modelChoice?.picked };
}

/** A column's cells as JSON: numbers or category text, null where missing. */
function columnValues(table: Table, name: string): (number | string | null)[] {
  const column = table.columns.find((c) => c.name === name)!;
  if (column.type === 'numeric') return Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(column.codes, (c) => (c < 0 ? null : column.categories[c]));
}
