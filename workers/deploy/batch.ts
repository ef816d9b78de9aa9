import { CsvDecoder } from '../../src/core/collect/csv-decode.ts';
import { CsvRowReader, type CsvRow } from '../../src/core/deploy/predict/csv-rows.ts';
import { modelClasses } from '../../src/core/deploy/predict/decode.ts';
import { checkHeader, predictionColumns } from '../../src/core/deploy/predict/header.ts';
import { predictionCells } from '../../src/core/deploy/predict/output-cells.ts';
import { KilnError } from '../../src/core/errors.ts';
import { predictChunk } from './predict-rows.ts';
import type { Predictor } from './predictor.ts';

/** Where a batch job's output rows go: a file in Node, Blob parts in the browser. */
export interface BatchSink {
  /** Called once, with the output header, before any row. */
  open(header: readonly string[]): Promise<void>;
  write(rows: readonly (readonly string[])[]): Promise<void>;
}

/** Counts of a batch job, so far or at the end. */
export interface BatchCounts {
  rows: number;
  /** Rows that got an error instead of a prediction. */
  errors: number;
  /** The first few errors, with their row numbers, for the user. */
  sampleErrors: string[];
}

/** Options of predictCsv. */
export interface BatchOptions {
  /** Rows per forward pass. */
  batch: number;
  signal?: AbortSignal;
  /** After each batch: the counts so far and the input bytes read. */
  onProgress?: (counts: BatchCounts, bytes: number) => void;
}

const sampleErrors = 5;

/**
 * Predicts every row of a CSV streamed in byte chunks, `batch` rows at a time, writing each row
 * back with prediction, p_<class> and error cells: the one batch job behind `kiln predict` and
 * the page's batch card. Memory stays flat however long the file is. A file missing a column the
 * model needs fails before any row; a row that cannot be predicted gets its error cell instead.
 *
 * await predictCsv(predictor, 'new.csv', file.stream(), sink, { batch: 4096 })
 * // → { rows: 150, errors: 1, sampleErrors: ["row 12: column 'sepal_length': 'x' is not a number"] }
 */
export async function predictCsv(predictor: Predictor, source: string, chunks: AsyncIterable<Uint8Array>, sink: BatchSink, options: BatchOptions): Promise<BatchCounts> {
  const doc = predictor.doc;
  if (doc.kind !== 'table') throw new KilnError('is an image model; batch prediction reads tables only so far', { file: source });
  const classes = modelClasses(doc);
  const decoder = new CsvDecoder(source);
  const reader = new CsvRowReader(source);
  const counts: BatchCounts = { rows: 0, errors: 0, sampleErrors: [] };
  let header: string[] | null = null;
  let columns: string[] = [];
  let pending: CsvRow[] = [];
  let bytes = 0;

  const predict = async (rows: CsvRow[]) => {
    const width = header!.length;
    const good = rows.filter((r) => r.error === null);
    const result = predictChunk(predictor, { columns, rows: good.map((r) => r.cells) });
    let g = 0;
    const lines = rows.map((row, k) => {
      const i = row.error === null ? g++ : -1;
      const error = i < 0 ? row.error : result.errors[i];
      if (error !== null && counts.errors++ < sampleErrors) counts.sampleErrors.push(`row ${counts.rows + k + 1}: ${error}`);
      const cells = row.cells.length === width ? row.cells : Array.from({ length: width }, (_, c) => row.cells[c] ?? '');
      return [...cells, ...predictionCells(i < 0 ? null : result.predictions[i], classes, error)];
    });
    counts.rows += rows.length;
    await sink.write(lines);
    options.onProgress?.(counts, bytes);
  };
  const take = async (rows: CsvRow[]) => {
    if (!header && rows.length > 0) {
      header = rows.shift()!.cells;
      columns = header.map((h) => h.trim());
      checkHeader(doc, columns, source);
      await sink.open([...header, ...predictionColumns(classes, columns)]);
    }
    // One chunk can hold ~100k short rows: spreading them into push() would overflow the stack.
    for (const row of rows) pending.push(row);
    while (pending.length >= options.batch) await predict(pending.splice(0, options.batch));
  };

  for await (const chunk of chunks) {
    if (options.signal?.aborted) throw new KilnError('stopped before the end; no output was kept', { file: source });
    bytes += chunk.byteLength;
    await take(reader.push(decoder.decode(chunk)));
  }
  await take([...reader.push(decoder.end()), ...reader.finish()]);
  if (pending.length > 0) await predict(pending);
  pending = [];
  if (!header) throw new KilnError('the file is empty', { file: source });
  if (counts.rows === 0) throw new KilnError('has a header row but no data rows', { file: source });
  return counts;
}
