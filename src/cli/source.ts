import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultChunkSize, ingestCsv } from '../core/collect/csv-ingest.ts';
import { isHttpUrl } from '../core/collect/csv-url.ts';
import type { Table } from '../core/collect/table.ts';
import { KilnError } from '../core/errors.ts';
import { openUrl } from '../../workers/collect/csv-fetch.ts';

/**
 * Reads a spec's `data.source` into a Table: an http(s) URL (downloaded as it streams) or a path
 * relative to the spec's folder (read in 256 KiB chunks). Either way the bytes go through the same
 * streaming parser as in the browser, so a big file is never held whole, let alone twice.
 *
 * await readSourceTable('iris.csv', 'examples') // → Table named 'iris.csv'
 */
export async function readSourceTable(source: string, specDir: string): Promise<Table> {
  if (isHttpUrl(source)) {
    const { name, total, chunks } = await openUrl(source, new AbortController().signal, describeFailure);
    return ingestCsv(chunks, { source: name, total });
  }
  const path = resolve(specDir, source);
  const info = await stat(path).catch(() => null);
  if (!info) throw new KilnError(`data file not found (looked for ${path})`, { file: source });
  if (!info.isFile()) throw new KilnError(`is not a file (looked at ${path})`, { file: source });
  return ingestCsv(createReadStream(path, { highWaterMark: defaultChunkSize }), { source, total: info.size });
}

/** Node's fetch hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, ...). */
function describeFailure(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `could not download it (${cause?.code ?? cause?.message ?? error.message}); check the address and the network`;
}
