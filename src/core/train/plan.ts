import { KilnError } from '../errors.ts';
import { findColumn, type Table } from '../collect/table.ts';
import { detectTask } from '../prepare/task.ts';
import { fitPreprocessor, rowsWithLabel, type Preprocessor } from '../prepare/preprocess.ts';
import { checkSplitAgainstTraining } from '../split/check.ts';
import { splitForRun } from '../split/resolve.ts';
import type { SplitIndices, Stratum } from '../split/split.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';

/** Everything decided before any tensor exists: task, split rows and the fitted preprocessing. */
export interface RunPlan {
  task: TaskKind;
  split: SplitIndices;
  /** k-fold folds over the non-test rows when `split.folds` is set, else null. */
  folds: SplitIndices[] | null;
  /** Class or target bin of each table row, for the split report; null when not stratified. */
  strataByRow: (Stratum | null)[] | null;
  pre: Preprocessor;
  /** Class names in output order (classification only). */
  classes?: string[];
}

/**
 * Resolves the task, splits the labelled rows (stratified when asked) and fits preprocessing
 * on the training rows only, so nothing from validation or test leaks into the scaling.
 */
export function planRun(spec: PipelineSpec, table: Table): RunPlan {
  const labelName = spec.data.label;
  const label = findColumn(table, labelName);
  if (!label) {
    const names = table.columns.map((c) => c.name).join(', ');
    throw new KilnError(`label column '${labelName}' not found; columns are ${names}`, { file: table.source });
  }
  const task = spec.task === 'auto' ? detectTask(label) : spec.task;
  const rows = rowsWithLabel(table, labelName);
  if (rows.length < 3) throw new KilnError(`only ${rows.length} rows have a label; at least 3 are needed to split`, { file: table.source });
  const [issue] = checkSplitAgainstTraining(spec.split, spec.train);
  if (issue) throw new KilnError(issue.message, { path: issue.path });
  const { split, folds, strataByRow } = splitForRun(table, label, rows, task, spec.split, spec.split.seed ?? spec.seed);
  // A group column (a patient or session id) identifies rows; it is not a feature by default.
  const features = spec.data.features ?? table.columns.map((c) => c.name).filter((n) => n !== labelName && n !== spec.split.group);
  const pre = fitPreprocessor(table, { label: labelName, features, task }, split.train);
  const classes = pre.label.kind === 'classes' ? pre.label.classes : undefined;
  return { task, split, folds, strataByRow, pre, classes };
}
