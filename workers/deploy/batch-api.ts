import Papa from 'papaparse';
import type { BatchOutcome, BatchProgress } from '../../src/core/deploy/protocol.ts';
import { beginOperation } from '../state.ts';
import { predictCsv, type BatchSink } from './batch.ts';
import { deployedModel } from './trained-model.ts';

/** Rows per forward pass in the page: big enough to keep the backend busy, small enough to report often. */
const batchRows = 4096;

/** Output rows gathered as Blob parts, which the browser may keep off the JS heap (or on disk). */
class BlobSink implements BatchSink {
  readonly parts: Blob[] = [];

  async open(header: readonly string[]): Promise<void> {
    await this.write([header]);
  }

  async write(rows: readonly (readonly string[])[]): Promise<void> {
    this.parts.push(new Blob([Papa.unparse(rows as string[][], { newline: '\n' }) + '\n']));
  }
}

/** The batch job of the Deploy stage. */
export const batchApi = {
  /**
   * Predicts every row of `file` with the last trained model, reading it in chunks, and returns
   * the input with prediction, p_<class> and error columns as a CSV Blob. `cancel()` stops it
   * and keeps nothing; `onProgress` hears after every batch.
   */
  async predictBatch(file: File, onProgress?: (p: BatchProgress) => void): Promise<BatchOutcome> {
    const signal = beginOperation();
    const { predictor } = await deployedModel();
    const started = performance.now();
    const sink = new BlobSink();
    const counts = await predictCsv(predictor, file.name, chunksOf(file), sink, {
      batch: batchRows,
      signal,
      onProgress: (c, bytes) => onProgress?.({ rows: c.rows, errors: c.errors, bytes, total: file.size }),
    });
    const outcome: BatchOutcome = { csv: new Blob(sink.parts, { type: 'text/csv' }), rows: counts.rows, errors: counts.errors, ms: performance.now() - started, sampleErrors: counts.sampleErrors };
    return outcome;
  },
};

/** A file's bytes in the chunks its stream gives, yielding to the event loop between them so cancel() lands. */
async function* chunksOf(file: Blob): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    reader.releaseLock();
  }
}
