import type { Table } from '../collect/table.ts';
import { cellText, findColumn } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import { higherIsBetter } from '../evaluate/goal.ts';
import type { MetricName, TaskKind } from '../spec/schema.ts';
import { constraintsOf, DEFAULT_MONITORING_CONFIG } from './constraints.ts';
import { columnProfile, textProfile, valuesProfile, type Profile } from './profile.ts';
import type { FeatureStatistics, StatisticsDocument, ConstraintsDocument } from './protocol.ts';

/** The goal metric as measured on the test split, which a labelled batch is compared with. */
export interface BaselineMetric {
  name: MetricName;
  value: number;
  higherIsBetter: boolean;
  /** The goal's target, when the spec states one. */
  target: number | null;
  /** Binary classification: the class rocAuc and prAuc are about, when the spec names one. */
  positiveClass?: string | null;
}

/**
 * Everything a batch is checked against: Model Monitor's statistics and constraints of the
 * training rows, plus Kiln's own part (baseline.json): the sorted samples KS and the PSI bins
 * need, the distribution of the model's predictions on the test split, and the goal metric there.
 */
export interface Baseline {
  statistics: StatisticsDocument;
  constraints: ConstraintsDocument;
  /**
   * Per numeric feature, up to SAMPLE_SIZE evenly spaced order statistics of its training values
   * (ascending): the baseline side of the KS test and of the PSI bins.
   */
  samples: Record<string, number[]>;
  /** Distribution of the model's predictions on the test split (named 'prediction'). */
  prediction: FeatureStatistics | null;
  /** Sorted sample of the test predictions, for a regression model. */
  predictionSample: number[] | null;
  /** The goal metric on the test split. */
  metric: BaselineMetric | null;
  /** The label column, when the model has one (image models call it 'label'). */
  label: string | null;
  /** Classes the model was trained on (classification), the label domain of a labelled batch. */
  classes: string[] | null;
  /** Training rows per class (classification): a labelled batch lacking a common class is flagged. Null in baselines written before Kiln kept it. */
  classCounts: Record<string, number> | null;
  task: TaskKind;
  /** Columns of the training file the model does not read: a batch may carry them without an extra_column_check. */
  ignored: string[];
  /** What the baseline describes: table rows, or the image features of imageFeatures(). */
  kind: 'table' | 'images';
}

/** What tableBaseline needs: the training table and rows, the model's inputs and its test-split results. */
export interface TableBaselineInput {
  table: Table;
  /** The training rows (indices into `table`). */
  rows: readonly number[];
  /** The raw columns the model reads. */
  fields: readonly string[];
  label: string;
  task: TaskKind;
  classes?: readonly string[] | null;
  /** The model's predictions on the test split, as text (class names or numbers). */
  predictions: readonly string[];
  /** The goal metric on the test split, or null when unknown. */
  metric: { name: MetricName; value: number; target?: number | null; positiveClass?: string | null } | null;
  kind?: 'table' | 'images';
}

/**
 * Profiles the training rows of each input column and the test predictions into a Baseline.
 *
 * tableBaseline({ table, rows: split.train, fields: ['x', 'colour'], label: 'y', task: 'classification',
 *   predictions: ['a', 'b', …], metric: { name: 'accuracy', value: 0.93, target: 0.9 } })
 * // → { statistics: { version: 0, dataset: { item_count: 120 }, features: [x, colour] }, constraints: …, … }
 */
export function tableBaseline(input: TableBaselineInput): Baseline {
  const { table, rows, fields, label, task } = input;
  const profiles: Profile[] = fields.map((name) => {
    const column = findColumn(table, name);
    if (!column) throw new KilnError(`the model reads column '${name}' but the training table has no such column`, { file: table.source, column: name });
    return columnProfile(column, rows);
  });
  const prediction = predictionProfile(input.predictions, task);
  const metric = input.metric
    ? { name: input.metric.name, value: input.metric.value, higherIsBetter: higherIsBetter(input.metric.name), target: input.metric.target ?? null, positiveClass: input.metric.positiveClass ?? null }
    : null;
  const inputs = new Set([...fields, label]);
  return {
    statistics: { version: 0, dataset: { item_count: rows.length }, features: profiles.map((p) => p.statistics) },
    constraints: constraintsOf(profiles, DEFAULT_MONITORING_CONFIG),
    samples: Object.fromEntries(profiles.filter((p) => p.sample).map((p) => [p.statistics.name, p.sample!])),
    prediction: prediction?.statistics ?? null,
    predictionSample: prediction?.sample ?? null,
    metric,
    label,
    classes: input.classes ? [...input.classes] : null,
    classCounts: task === 'classification' ? classCounts(table, rows, label) : null,
    task,
    ignored: table.columns.map((c) => c.name).filter((n) => !inputs.has(n)),
    kind: input.kind ?? 'table',
  };
}

function classCounts(table: Table, rows: readonly number[], label: string): Record<string, number> | null {
  const column = findColumn(table, label);
  if (!column) return null;
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const v = cellText(column, r);
    if (v !== null) counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

function predictionProfile(predictions: readonly string[], task: TaskKind): Profile | null {
  if (predictions.length === 0) return null;
  return task === 'regression' ? valuesProfile('prediction', predictions.map(Number)) : textProfile('prediction', predictions);
}
