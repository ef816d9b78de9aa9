import { KilnError } from '../errors.ts';
import { cellText, findColumn, type Table } from '../collect/table.ts';
import { detectTask } from '../prepare/task.ts';
import { fitPreprocessor, rowsWithLabel, type Preprocessor } from '../prepare/preprocess.ts';
import { splitRows, type SplitIndices } from '../split/split.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';

/** Everything decided before any tensor exists: task, split rows and the fitted preprocessing. */
export interface RunPlan {
  task: TaskKind;
  split: SplitIndices;
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
  const strata = task === 'classification' && spec.split.stratify ? rows.map((r) => cellText(label, r) ?? '') : null;
  const split = splitRows(rows, strata, spec.split, spec.split.seed ?? spec.seed);
  const pre = fitPreprocessor(table, { label: labelName, features: spec.data.features, task }, split.train);
  const classes = pre.label.kind === 'classes' ? pre.label.classes : undefined;
  return { task, split, pre, classes };
}
