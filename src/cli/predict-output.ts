import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import Papa from 'papaparse';
import { csvWriteOptions } from '../core/deploy/csv-safe.ts';
import type { BatchSink } from '../../workers/deploy/batch.ts';

/** A CSV file written row batch by row batch, waiting for the disk when its buffer is full. */
export class OutputCsv implements BatchSink {
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
    if (!stream.write(Papa.unparse(rows as string[][], csvWriteOptions) + '\n')) await once(stream, 'drain');
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
