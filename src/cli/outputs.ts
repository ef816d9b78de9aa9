import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { csvWriteOptions } from '../core/deploy/csv-safe.ts';
import type { FeatureImportance } from '../core/evaluate/explain-protocol.ts';
import { PROBABILITY_DIGITS } from '../core/evaluate/score-classification.ts';
import type { TrainResult } from '../core/train/protocol.ts';

/** What a run adds to metrics.json beside the TrainResult: permutation importance, for tables, when computed. */
export interface MetricsExtras {
  featureImportance?: FeatureImportance | null;
}

/**
 * The metrics.json document: the headline numbers first, details after. `validation` and `test`
 * hold every score of src/core/evaluate (ClassificationMetrics or RegressionMetrics), computed
 * from the numbers predictions.csv holds.
 */
export function metricsDocument(result: TrainResult, extras: MetricsExtras = {}) {
  return {
    task: result.task,
    backend: result.backend.name,
    backendReason: result.backend.reason,
    split: result.split,
    epochs: result.history.length,
    stopped: result.stopped,
    validation: result.validation?.metrics ?? null,
    test: result.test.metrics,
    /** Regression only: the test scores of always predicting the training mean. */
    testBaseline: result.test.task === 'regression' ? result.test.baseline : null,
    crossValidation: result.crossValidation ?? null,
    /** Default table runs: the MLP and the linear model compared on the validation rows, and which was kept. */
    modelChoice: result.modelChoice ?? null,
    goal: result.spec.goal,
    /** The binary decision rule the predictions used (threshold, positive class). */
    evaluate: result.spec.evaluate,
    /** Tables: permutation importance on the validation split; null when not computed. */
    featureImportance: extras.featureImportance ?? null,
  };
}

/**
 * predictions.csv for the test split: row, label, prediction, then p_<class> per class with 9
 * significant digits, exactly the numbers the metrics were computed from.
 */
export function predictionsCsv(result: TrainResult): string {
  const { rows, labels, predictions, probabilities } = result.predictions;
  const classes = result.classes ?? [];
  const fields = ['row', 'label', 'prediction', ...(probabilities ? classes.map((c) => `p_${c}`) : [])];
  // Idempotent on probabilities already rounded by the scoring, so the file never holds more or less.
  const cell = (p: number) => Number(p.toPrecision(PROBABILITY_DIGITS));
  const data = rows.map((row, i) => [row, labels[i], predictions[i], ...(probabilities?.[i].map(cell) ?? [])]);
  // Class names and labels come from the user's file: a '=…' class must not run as a formula.
  return Papa.unparse({ fields, data }, csvWriteOptions) + '\n';
}

/** Writes metrics.json, predictions.csv and model/ under `dir`. */
export async function writeOutputs(dir: string, result: TrainResult, modelFiles: Record<string, Uint8Array>, extras: MetricsExtras = {}): Promise<void> {
  await mkdir(join(dir, 'model'), { recursive: true });
  await writeFile(join(dir, 'metrics.json'), JSON.stringify(metricsDocument(result, extras), null, 2) + '\n');
  await writeFile(join(dir, 'predictions.csv'), predictionsCsv(result));
  for (const [name, bytes] of Object.entries(modelFiles)) await writeFile(join(dir, 'model', name), bytes);
}
