import { CsvTableBuilder } from './csv-builder.ts';
import { CsvDecoder } from './csv-decode.ts';
import type { Table } from './table.ts';

/** How far a load has got; `total` is null when the size is unknown (a download without Content-Length). */
export interface LoadProgress {
  status: 'progress';
  loaded: number;
  total: number | null;
}

/** Thrown by ingestCsv when its signal is aborted; the caller keeps whatever it had loaded before. */
export class LoadCancelled extends Error {
  override name = 'LoadCancelled';
  constructor() {
    super('loading was cancelled');
  }
}

/** Options for ingestCsv. */
export interface IngestOptions {
  /** File name or URL, for error messages. */
  source: string;
  /** Size in bytes, when known: reported with progress and used to size the columns once. */
  total?: number | null;
  /** Checked between chunks: once aborted, ingestCsv stops reading and throws LoadCancelled. */
  signal?: AbortSignal;
  onProgress?: (event: LoadProgress) => void;
  /** Minimum milliseconds between progress events; the first and last always go out. Default 100. */
  interval?: number;
  /** Clock for throttling (tests pass a fake one). */
  now?: () => number;
}

/**
 * Streams CSV bytes into a typed Table: decode, parse and type one chunk at a time, so the whole
 * text is never held at once. The browser worker (File slices, fetch bodies), the CLI (fs streams)
 * and the benchmark all load through this.
 *
 * await ingestCsv(fs.createReadStream('iris.csv'), { source: 'iris.csv' }) // → Table, 150 rows
 */
export async function ingestCsv(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: IngestOptions): Promise<Table> {
  const { source, signal, onProgress } = options;
  const total = options.total ?? null;
  const interval = options.interval ?? 100;
  const now = options.now ?? (() => Date.now());
  const decoder = new CsvDecoder(source);
  const builder = new CsvTableBuilder(source, { sizeHint: total ?? undefined });
  let loaded = 0;
  let last = -Infinity;
  for await (const bytes of chunks) {
    if (signal?.aborted) throw new LoadCancelled();
    builder.push(decoder.decode(bytes));
    loaded += bytes.byteLength;
    if (onProgress && now() - last >= interval) {
      last = now();
      onProgress({ status: 'progress', loaded, total });
    }
  }
  if (signal?.aborted) throw new LoadCancelled();
  builder.push(decoder.end());
  const table = builder.finish();
  onProgress?.({ status: 'progress', loaded, total: total ?? loaded });
  return table;
}

/**
 * Bytes per chunk when Kiln reads a file. Smaller chunks keep less parse garbage alive at once:
 * loading a 100 MB file in Node adds about 1.4x its size (the table itself is 1.1x) with 256 KiB
 * chunks and about 2.5x with 1 MiB chunks, at the same speed (bench/ingest.ts).
 */
export const defaultChunkSize = 256 * 1024;

/** Yields `blob` in slices of `size` bytes, reading each only when asked (a File is never read whole). */
export async function* blobChunks(blob: Blob, size = defaultChunkSize): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += size) yield new Uint8Array(await blob.slice(at, at + size).arrayBuffer());
}

/** Yields the chunks of a fetch body as they arrive. */
export async function* streamChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
