import { streamChunks } from '../../src/core/collect/csv-ingest.ts';
import { httpError, isHttpUrl, nameFromUrl } from '../../src/core/collect/csv-url.ts';
import { KilnError } from '../../src/core/errors.ts';

/** A download ready to stream: its chunks, its size when the server says, and the name to show. */
export interface OpenedUrl {
  name: string;
  total: number | null;
  chunks: AsyncIterable<Uint8Array>;
}

/** What a browser can say when fetch() fails: it cannot tell CORS from a network error, so explain both. */
export const browserFetchFailure =
  'could not download it: browsers only let a page read files from other sites that allow it (CORS), ' +
  'and this server does not, or the network is down; download the file and drop it here instead';

/**
 * Starts downloading an http(s) CSV (a presigned S3 link is just a URL: its query string is kept,
 * and it is named from its path). `failure` words a network error for where this runs.
 */
export async function openUrl(url: string, signal: AbortSignal, failure: (error: Error) => string = () => browserFetchFailure): Promise<OpenedUrl> {
  const trimmed = url.trim();
  if (!isHttpUrl(trimmed)) throw new KilnError('is not an http(s):// URL', { file: trimmed });
  const name = nameFromUrl(trimmed);
  let response: Response;
  try {
    response = await fetch(trimmed, { signal });
  } catch (e) {
    if (signal.aborted) throw e; // cancelled: the caller turns this into 'cancelled'
    throw new KilnError(failure(e as Error), { file: name });
  }
  if (!response.ok) throw httpError(response.status, response.statusText, name);
  if (!response.body) throw new KilnError('the server sent no content', { file: name });
  // A compressed transfer's Content-Length counts compressed bytes, not the bytes we will read.
  const length = Number(response.headers.get('content-length'));
  const total = length > 0 && !response.headers.get('content-encoding') ? length : null;
  return { name, total, chunks: streamChunks(response.body) };
}
