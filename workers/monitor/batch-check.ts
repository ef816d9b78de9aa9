import { blobChunks, ingestCsv, LoadCancelled } from '../../src/core/collect/csv-ingest.ts';
import { cellText, type Table } from '../../src/core/collect/table.ts';
import { KilnError } from '../../src/core/errors.ts';
import { checkBatch, type DriftThresholds } from '../../src/core/monitor/index.ts';
import type { BatchCheck, CheckProgress } from '../../src/core/monitor/messages.ts';
import { deployedModel } from '../deploy/trained-model.ts';
import { predictChunk } from '../deploy/predict-rows.ts';
import { modelBaseline } from './baseline.ts';
import { rememberBatch } from './last-batch.ts';

/** Rows per forward pass; between passes the worker answers other calls (resources, cancel). */
const chunkRows = 2048;
const sampleErrors = 5;

/**
 * Reads a CSV batch, predicts every row with the deployed model (the Deploy stage's one prediction
 * path), and checks it against the model's baseline. Bad data becomes violations, not errors.
 *
 * await checkBatchFile(file, {}, signal) // → { report: { violations: […], features: […], … }, predicted: 200, errors: 0, … }
 */
export async function checkBatchFile(file: Blob & { name?: string }, thresholds: Partial<DriftThresholds>, signal: AbortSignal, onProgress?: (p: CheckProgress) => void): Promise<BatchCheck> {
  const started = performance.now();
  const source = file.name ?? 'batch.csv';
  const deployed = await deployedModel();
  if (deployed.predictor.doc.kind !== 'table') throw new KilnError('is a CSV, but this model takes images; pick a folder or a .zip of images', { file: source });
  const baseline = modelBaseline(deployed);
  if (file.size === 0) throw new KilnError('the file is empty; pick a CSV with a header row and rows of data', { file: source });
  const table = await ingestCsv(blobChunks(file), {
    source,
    total: file.size,
    signal,
    onProgress: (p) => onProgress?.({ phase: 'reading', done: p.loaded, total: p.total ?? file.size }),
  }).catch((e: unknown) => {
    throw e instanceof LoadCancelled ? new KilnError('stopped before the end; nothing was checked', { file: source }) : e;
  });
  const columns = table.columns.map((c) => c.name);
  const predictions: (string | number | null)[] = [];
  const probabilities: (number[] | null)[] = [];
  const errors: string[] = [];
  let failed = 0;
  for (let from = 0; from < table.rowCount; from += chunkRows) {
    if (signal.aborted) throw new KilnError('stopped before the end; nothing was checked', { file: source });
    const rows = [];
    for (let i = from; i < Math.min(table.rowCount, from + chunkRows); i++) rows.push(table.columns.map((c) => cellText(c, i)));
    const got = predictChunk(deployed.predictor, { columns, rows });
    got.predictions.forEach((p, k) => {
      predictions.push(p ? p.prediction : null);
      probabilities.push(p ? p.probabilities : null);
      const error = got.errors[k];
      if (error !== null && failed++ < sampleErrors) errors.push(`row ${from + k + 1}: ${error}`);
    });
    onProgress?.({ phase: 'predicting', done: predictions.length, total: table.rowCount });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress?.({ phase: 'comparing', done: table.rowCount, total: table.rowCount });
  const report = checkBatch(baseline, table, { predictions, probabilities, thresholds });
  rememberBatch(table, deployed.trained);
  const label = baseline.label ? table.columns.find((c) => c.name === baseline.label) : undefined;
  let labelled = 0;
  if (label) for (let i = 0; i < table.rowCount; i++) if (cellText(label, i) !== null) labelled++;
  return { source, report, predicted: table.rowCount - failed, errors: failed, sampleErrors: errors, labelled, ms: performance.now() - started };
}
