import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';
import type { RowPrediction } from '../core/deploy/predict/decode.ts';

/**
 * The output cells a row gets after its own: prediction, p_<class> per class (6 decimals, as in
 * predictions.csv), error. A row with an error has empty prediction cells.
 *
 * predictionCells({ prediction: 'setosa', probabilities: [0.97, 0.02, 0.01] }, ['setosa', 'versicolor', 'virginica'], null)
 * // → ['setosa', '0.97', '0.02', '0.01', '']
 */
export function predictionCells(p: RowPrediction | null, classes: readonly string[] | null, error: string | null): string[] {
  const k = classes?.length ?? 0;
  if (!p) return ['', ...Array<string>(k).fill(''), error ?? ''];
  const probabilities = (p.probabilities ?? []).map((v) => String(+v.toFixed(6)));
  return [String(p.prediction), ...probabilities, error ?? ''];
}

/** A CSV file written row batch by row batch, waiting for the disk when its buffer is full. */
export class OutputCsv {
  readonly path: string;
  #stream: WriteStream | null = null;

  constructor(path: string) {
    this.path = path;
  }

  /** Creates the file with its header line; nothing is created before this. */
  async open(header: readonly string[]): Promise<void> {
    this.#stream = createWriteStream(this.path);
    await this.write([header]);
  }

  /** Appends rows (quoted as needed). */
  async write(rows: readonly (readonly string[])[]): Promise<void> {
    const stream = this.#stream;
    if (!stream) throw new Error('OutputCsv.write before open');
    if (rows.length === 0) return;
    if (!stream.write(Papa.unparse(rows as string[][], { newline: '\n' }) + '\n')) await once(stream, 'drain');
  }

  /** Flushes and closes the file (if it was opened). */
  async close(): Promise<void> {
    const stream = this.#stream;
    this.#stream = null;
    if (!stream) return;
    stream.end();
    await finished(stream);
  }
}
