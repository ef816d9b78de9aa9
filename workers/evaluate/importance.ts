import * as tf from '@tensorflow/tfjs';
import type { Column, Table } from '../../src/core/collect/table.ts';
import { importanceDrop } from '../../src/core/evaluate/explain-examples.ts';
import type { FeatureImportance, ImportanceOptions, ImportanceProgress } from '../../src/core/evaluate/explain-protocol.ts';
import { metricValue } from '../../src/core/evaluate/goal.ts';
import { scoreSplit } from '../../src/core/evaluate/table-scores.ts';
import { encodeFeatures, type Preprocessor } from '../../src/core/prepare/preprocess.ts';
import { applyFitted, type FittedStep } from '../../src/core/prepare/steps/fit.ts';
import { summarizeFolds } from '../../src/core/split/kfold.ts';
import { createRng, shuffleInPlace } from '../../src/core/split/random.ts';
import { planRun } from '../../src/core/train/plan.ts';
import type { TrainedTable } from '../train/adapter.ts';
import { predictAll } from '../train/predict-all.ts';

/** A trained table model and the rows to explain it on, as the run's plan has them. */
export interface ImportanceInput {
  model: tf.LayersModel;
  /** The rows after the row steps, before the column steps: raw input columns. */
  kept: Table;
  /** Loaded-file index of each row of `kept`. */
  origin: readonly number[];
  prepare: readonly FittedStep[];
  pre: Preprocessor;
  /** Rows of `kept` to score on: the validation split. */
  rows: readonly number[];
  /** The raw input columns to shuffle, one at a time. */
  columns: readonly string[];
}

/** Progress and cancellation hooks; `shouldStop` is polled between shuffles. */
export interface ImportanceHooks {
  onProgress?: (e: ImportanceProgress) => void;
  shouldStop?: () => boolean;
}

/**
 * Permutation feature importance: shuffles one raw input column at a time among `rows` (seeded),
 * re-encodes through the fitted preparation, and records how far the metric falls. Raw columns,
 * not encoded ones, so a one-hot column or a derived feature counts once, under the name the user knows.
 *
 * await permutationImportance(input, { metric: 'accuracy', repeats: 5, seed: 42 })
 * // → { baseline: 0.96, columns: [{ name: 'petal_length', mean: 0.41, std: 0.05, drops: […] }, …], … }
 */
export async function permutationImportance(input: ImportanceInput, options: ImportanceOptions, hooks: ImportanceHooks = {}): Promise<FeatureImportance> {
  const view = rowsOf(input.kept, input.rows);
  const origin = input.rows.map((r) => input.origin[r]);
  const all = Array.from({ length: view.rowCount }, (_, i) => i);
  const score = async (table: Table) => {
    const prepared = applyFitted(table, input.prepare, { origin });
    const x = tf.tensor2d(encodeFeatures(input.pre, prepared, all), [all.length, input.pre.width]);
    try {
      const value = metricValue(scoreSplit(input.pre, prepared, all, await predictAll(input.model, x)).metrics, options.metric);
      if (value === undefined) throw new Error(`${options.metric} does not score this model's task`);
      return value;
    } finally {
      x.dispose();
    }
  };

  const baseline = await score(view);
  const rng = createRng(options.seed);
  const total = input.columns.length * options.repeats;
  const columns: FeatureImportance['columns'] = [];
  let stopped = false;
  outer: for (const name of input.columns) {
    const drops: number[] = [];
    for (let r = 0; r < options.repeats; r++) {
      if (hooks.shouldStop?.()) {
        stopped = true;
        break outer;
      }
      hooks.onProgress?.({ status: 'progress', done: columns.length * options.repeats + r, total, feature: name });
      const order = shuffleInPlace([...all], rng);
      drops.push(importanceDrop(options.metric, baseline, await score(withColumn(view, name, order))));
    }
    const { mean, std } = summarizeFolds(drops);
    columns.push({ name, mean, std: drops.length > 1 ? std : 0, drops });
  }
  hooks.onProgress?.({ status: 'progress', done: columns.length * options.repeats, total, feature: '' });
  columns.sort((a, b) => b.mean - a.mean || a.name.localeCompare(b.name));
  return { metric: options.metric, baseline, split: 'validation', rows: all.length, repeats: options.repeats, columns, stopped };
}

/** A table of just `rows`, so each shuffle re-encodes only the rows it scores. */
function rowsOf(table: Table, rows: readonly number[]): Table {
  return { ...table, rowCount: rows.length, columns: table.columns.map((c) => pick(c, rows)) };
}

/** The table with column `name`'s values reordered by `order` (every other column untouched). */
function withColumn(table: Table, name: string, order: readonly number[]): Table {
  const columns = table.columns.map((c) => (c.name === name ? pick(c, order) : c));
  if (!table.columns.some((c) => c.name === name)) throw new Error(`column '${name}' is not in the table`);
  return { ...table, columns };
}

function pick(column: Column, rows: readonly number[]): Column {
  if (column.type === 'numeric') return { ...column, values: Float64Array.from(rows, (r) => column.values[r]) };
  return { ...column, codes: Int32Array.from(rows, (r) => column.codes[r]) };
}

/**
 * Permutation importance of a trained table model on its validation split: the run is replanned
 * (planning is deterministic in the spec and data) for its split and raw columns. Null when the
 * split has no validation rows. The worker's Evaluate call and `kiln run`'s metrics.json use this.
 */
export async function trainedImportance(trained: TrainedTable, data: Table, options: ImportanceOptions, hooks: ImportanceHooks = {}): Promise<FeatureImportance | null> {
  const plan = planRun(trained.result.spec, data);
  if (plan.split.validation.length === 0) return null;
  const columns = trained.schema.map((f) => f.name);
  return permutationImportance({ model: trained.model, kept: plan.kept, origin: plan.origin, prepare: trained.prepare, pre: trained.pre, rows: plan.split.validation, columns }, options, hooks);
}
