import { createReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { defaultChunkSize } from '../core/collect/csv-ingest.ts';
import { KilnError } from '../core/errors.ts';
import { predictCsv, type BatchCounts } from '../../workers/deploy/batch.ts';
import { loadPredictor } from '../../workers/deploy/predictor.ts';
import type { PredictCommand } from './args.ts';
import { readModelDir } from './model-dir.ts';
import { predictImageInput } from './predict-images.ts';
import { OutputCsv } from './predict-output.ts';

/** What a finished `kiln predict` did. */
export interface PredictSummary {
  rows: number;
  /** Rows that got an error instead of a prediction. */
  errors: number;
  seconds: number;
  out: string;
}

/**
 * Predicts every row of a CSV with a saved table model, or every image of a folder or zip with an
 * image model, streaming: the input is read, predicted and written a chunk of `batch` rows (at
 * most 256 images) at a time, so memory stays flat however large it is. Output goes to
 * `<out>.partial`, renamed to `out` only once complete.
 *
 * await runPredict({ kind: 'predict', modelDir: 'out/iris/model', input: 'new.csv', out: 'p.csv', batch: 4096, verbose: false })
 * // → { rows: 150, errors: 0, seconds: 0.2, out: 'p.csv' }
 */
export async function runPredict(command: PredictCommand, signal?: AbortSignal): Promise<PredictSummary> {
  const { dir, files } = await readModelDir(command.modelDir);
  const predictor = await loadPredictor(files, { dir, batchSize: command.batch });
  const started = performance.now();
  const partial = `${command.out}.partial`;
  const output = new OutputCsv(partial);
  try {
    const input = await stat(command.input).catch(() => null);
    if (!input) throw new KilnError(`input not found (looked for ${command.input})`, { file: basename(command.input) });
    let counts: BatchCounts;
    if (predictor.doc.kind === 'images') counts = await predictImageInput(predictor, command.input, output, { batch: command.batch, signal });
    else {
      if (input.isDirectory()) throw new KilnError('is a folder; this is a table model, so give it a CSV file', { file: basename(command.input) });
      const chunks = createReadStream(command.input, { highWaterMark: defaultChunkSize }) as AsyncIterable<Uint8Array>;
      counts = await predictCsv(predictor, basename(command.input), chunks, output, { batch: command.batch, signal });
    }
    await output.close();
    await rename(partial, command.out);
    return { rows: counts.rows, errors: counts.errors, seconds: (performance.now() - started) / 1000, out: command.out };
  } catch (e) {
    await output.close().catch(() => {});
    await rm(partial, { force: true });
    throw e;
  } finally {
    predictor.dispose();
  }
}

/** One line for the terminal: `predicted 1000 rows (2 with errors) in 0.52 s, 1923 rows/s → p.csv`. */
export function predictSummaryLine(s: PredictSummary): string {
  const rate = s.seconds > 0 ? Math.round(s.rows / s.seconds) : s.rows;
  return `predicted ${s.rows} row${s.rows === 1 ? '' : 's'} (${s.errors} with errors) in ${s.seconds.toFixed(2)} s, ${rate} rows/s → ${s.out}`;
}
