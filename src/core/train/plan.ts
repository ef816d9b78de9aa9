import { KilnError } from '../errors.ts';
import { cellText, findColumn, type Table } from '../collect/table.ts';
import { detectTask } from '../prepare/task.ts';
import { encodeLabels, fitPreprocessor, rowsWithLabel, type Preprocessor } from '../prepare/preprocess.ts';
import { selectColumns } from '../prepare/steps/columns.ts';
import { applyFitted, fitSteps, type FittedStep } from '../prepare/steps/fit.ts';
import { applyRowSteps } from '../prepare/steps/rows.ts';
import { checkSplitSizes, earlyStoppingNote } from '../split/check.ts';
import { splitForRun } from '../split/resolve.ts';
import type { SplitIndices, Stratum } from '../split/split.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';

/** Everything decided before any tensor exists: rows kept, task, split, and the fitted preparation. */
export interface RunPlan {
  task: TaskKind;
  /** The table after the prepare steps; split indices and `pre` refer to its rows and columns. */
  table: Table;
  /** The same rows before the column steps: the raw columns a prediction is made from. */
  kept: Table;
  /** Index in the loaded file of each row of `table` (row steps such as dropDuplicates remove rows). */
  origin: number[];
  split: SplitIndices;
  /** k-fold folds over the non-test rows when `split.folds` is set, else null. */
  folds: SplitIndices[] | null;
  /** Class or target bin of each table row, for the split report; null when not stratified. */
  strataByRow: (Stratum | null)[] | null;
  /** The prepare steps fitted on the training rows, applied before `pre`; shipped with the model. */
  prepare: FittedStep[];
  pre: Preprocessor;
  /** Class names in output order (classification only). */
  classes?: string[];
  /** Rows each row step removed, and its warnings, for the user. */
  removed: { step: number; op: string; rows: number }[];
  warnings: string[];
}

/**
 * Applies the row steps, resolves the task, splits the labelled rows and fits the prepare steps
 * and the final encoding on the training rows only, so nothing from validation or test leaks in.
 * `override.split` (one of `folds`) plans a cross-validation fold the same way.
 */
export function planRun(spec: PipelineSpec, raw: Table, override?: { split: SplitIndices }): RunPlan {
  const labelName = spec.data.label;
  if (!findColumn(raw, labelName)) {
    const names = raw.columns.map((c) => c.name).join(', ');
    throw new KilnError(`label column '${labelName}' not found; columns are ${names}`, { file: raw.source });
  }
  const features = spec.data.features;
  if (features?.includes(labelName)) {
    throw new KilnError(`column '${labelName}' is the label, so it cannot also be a feature`, { file: raw.source, path: 'data.features' });
  }
  const input = features ? selectColumns(raw, [...features, labelName]) : raw;
  const rowStep = applyRowSteps(input, spec.prepare, { label: labelName });
  const kept = rowStep.table;
  const label = findColumn(kept, labelName)!;
  const task = spec.task === 'auto' ? detectTask(label) : spec.task;
  const rows = rowsWithLabel(kept, labelName);
  if (rows.length < 3) throw new KilnError(`only ${rows.length} rows have a label; at least 3 are needed to split`, { file: raw.source });
  const planned = splitForRun(kept, label, rows, task, spec.split, spec.split.seed ?? spec.seed);
  // A cross-validation fold replaces the split, so everything below is refitted on its training rows.
  const split = override?.split ?? planned.split;
  const { folds, strataByRow } = planned;
  // Before anything is fitted: an empty split or a one-class training set is refused in words (folds are checked by kFold).
  const sizeWarnings = override ? [] : checkSplitSizes({ split, ratios: spec.split, unit: 'row', file: raw.source, classOf: task === 'classification' ? (r) => cellText(label, r) : undefined });

  const prepare = fitSteps(kept, spec.prepare, split.train, { label: labelName, origin: rowStep.origin });
  const table = applyFitted(kept, prepare, { origin: rowStep.origin });
  // A group column (a patient or session id) identifies rows; it is not a feature.
  const featureNames = table.columns.map((c) => c.name).filter((n) => n !== labelName && n !== spec.split.group);
  const pre = fitPreprocessor(table, { label: labelName, features: featureNames, task }, split.train);
  const classes = pre.label.kind === 'classes' ? pre.label.classes : undefined;
  if (classes) refuseUnseenClasses(pre, table, split, override ? 'this fold' : 'the split');
  return {
    task,
    table,
    kept,
    origin: rowStep.origin,
    split,
    folds,
    strataByRow,
    prepare,
    pre,
    classes,
    removed: rowStep.removed,
    warnings: [...rowStep.warnings, ...(spec.augment.enabled ? [tableAugmentWarning] : []), ...notes(earlyStoppingNote(spec.split, spec.train)), ...sizeWarnings],
  };
}

/** The warning for a spec that turns augmentation on for a table, where it does nothing. */
export const tableAugmentWarning = 'augment.enabled is on, but augmentation applies to images; this table trains on its rows as they are';

/**
 * A class in the validation or test rows that no training row has cannot be learned or scored
 * (the model has no output for it); refuse the run up front, naming it, rather than fail after
 * training. Stratified splits only do this for a class too rare to split, or with a group column.
 */
function refuseUnseenClasses(pre: Preprocessor, table: Table, split: SplitIndices, where: string): void {
  const column = findColumn(table, pre.label.name)!;
  for (const part of ['validation', 'test'] as const) {
    const rows = split[part];
    const codes = encodeLabels(pre, table, rows);
    const unseen = new Map<string, number>();
    codes.forEach((code, r) => {
      if (code === -1) {
        const name = cellText(column, rows[r])!;
        unseen.set(name, (unseen.get(name) ?? 0) + 1);
      }
    });
    if (unseen.size === 0) continue;
    const [[name, count]] = unseen;
    const others = unseen.size > 1 ? ` (and ${unseen.size - 1} more class${unseen.size > 2 ? 'es' : ''})` : '';
    throw new KilnError(
      `class '${name}' of label '${pre.label.name}' is in ${count} ${part} row${count === 1 ? '' : 's'} of ${where} but in no training row${others}, ` +
        'so the model cannot learn it; give it more rows, use a stratified split or fewer folds, or remove those rows',
      { file: table.source, column: pre.label.name },
    );
  }
}

function notes(note: string | null): string[] {
  return note === null ? [] : [note];
}
