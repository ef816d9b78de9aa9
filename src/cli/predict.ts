import { createReadStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { defaultChunkSize } from '../core/collect/csv-ingest.ts';
import { CsvDecoder } from '../core/collect/csv-decode.ts';
import { CsvRowReader, type CsvRow } from '../core/deploy/predict/csv-rows.ts';
import { modelClasses } from '../core/deploy/predict/decode.ts';
import { checkHeader, predictionColumns } from '../core/deploy/predict/header.ts';
import { KilnError } from '../core/errors.ts';
import { loadPredictor, type Predictor } from '../../workers/deploy/predictor.ts';
import { predictChunk } from '../../workers/deploy/predict-rows.ts';
import type { PredictCommand } from './args.ts';
import { readModelDir } from './model-dir.ts';
import { OutputCsv, predictionCells } from './predict-output.ts';

/** What a finished `kiln predict` did. */
export interface PredictSummary {
  rows: number;
  /** Rows that got an error instead of a prediction. */
  errors: number;
  seconds: number;
  out: string;
}

/**
 * Predicts every row of a CSV with a saved table model, streaming:
 * the input is read, predicted and written a chunk of `batch` rows at a time, so memory stays flat
 * however long the file is. Output goes to `<out>.partial`, renamed to `out` only once complete.
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
    if (predictor.doc.kind === 'images') {
      throw new KilnError('is an image model; kiln predict reads tables only so far (the studio predicts images)', { file: dir });
    }
    const counts = await predictCsv(predictor, command.input, output, command.batch, signal);
    await output.close();
    await rename(partial, command.out);
    return { ...counts, seconds: (performance.now() - started) / 1000, out: command.out };
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

async function predictCsv(predictor: Predictor, path: string, output: OutputCsv, batch: number, signal?: AbortSignal) {
  if (predictor.doc.kind !== 'table') throw new Error('unreachable: a table model is needed');
  const doc = predictor.doc;
  const source = basename(path);
  const decoder = new CsvDecoder(source);
  const reader = new CsvRowReader(source);
  const counts = { rows: 0, errors: 0 };
  let header: string[] | null = null;
  let columns: string[] = [];
  let pending: CsvRow[] = [];

  const predict = async (rows: CsvRow[]) => {
    const width = header!.length;
    const good = rows.filter((r) => r.error === null);
    const result = predictChunk(predictor, { columns, rows: good.map((r) => r.cells) });
    let g = 0;
    const lines = rows.map((row) => {
      const i = row.error === null ? g++ : -1;
      const error = i < 0 ? row.error : result.errors[i];
      if (error !== null) counts.errors++;
      const cells = row.cells.length === width ? row.cells : Array.from({ length: width }, (_, c) => row.cells[c] ?? '');
      return [...cells, ...predictionCells(i < 0 ? null : result.predictions[i], modelClasses(doc), error)];
    });
    counts.rows += rows.length;
    await output.write(lines);
  };
  const take = async (rows: CsvRow[]) => {
    if (!header && rows.length > 0) {
      header = rows.shift()!.cells;
      columns = header.map((h) => h.trim());
      checkHeader(doc, columns, source);
      await output.open([...header, ...predictionColumns(modelClasses(doc), columns)]);
    }
    pending.push(...rows);
    while (pending.length >= batch) await predict(pending.splice(0, batch));
  };

  for await (const bytes of createReadStream(path, { highWaterMark: defaultChunkSize })) {
    if (signal?.aborted) throw new KilnError('stopped before the end; no output was written', { file: source });
    await take(reader.push(decoder.decode(bytes as Uint8Array)));
  }
  await take([...reader.push(decoder.end()), ...reader.finish()]);
  if (pending.length > 0) await predict(pending);
  pending = [];
  if (!header) throw new KilnError('the file is empty', { file: source });
  if (counts.rows === 0) throw new KilnError('has a header row but no data rows', { file: source });
  return counts;
}
