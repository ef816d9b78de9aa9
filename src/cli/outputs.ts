import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { TrainResult } from '../core/train/protocol.ts';

/** The metrics.json document: the headline numbers first, details after. */
export function metricsDocument(result: TrainResult) {
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
    goal: result.spec.goal,
  };
}

/** predictions.csv for the test split: row, label, prediction, then p_<class> per class. */
export function predictionsCsv(result: TrainResult): string {
  const { rows, labels, predictions, probabilities } = result.predictions;
  const classes = result.classes ?? [];
  const fields = ['row', 'label', 'prediction', ...(probabilities ? classes.map((c) => `p_${c}`) : [])];
  const data = rows.map((row, i) => [row, labels[i], predictions[i], ...(probabilities?.[i].map((p) => +p.toFixed(6)) ?? [])]);
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

/** Writes metrics.json, predictions.csv and model/ under `dir`. */
export async function writeOutputs(dir: string, result: TrainResult, modelFiles: Record<string, Uint8Array>): Promise<void> {
  await mkdir(join(dir, 'model'), { recursive: true });
  await writeFile(join(dir, 'metrics.json'), JSON.stringify(metricsDocument(result), null, 2) + '\n');
  await writeFile(join(dir, 'predictions.csv'), predictionsCsv(result));
  for (const [name, bytes] of Object.entries(modelFiles)) await writeFile(join(dir, 'model', name), bytes);
}
