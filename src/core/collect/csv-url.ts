import { KilnError } from '../errors.ts';

/** True for an http(s) URL, the only kind of CSV source besides a local file. */
export function isHttpUrl(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

/**
 * The name to show for a CSV at `url`: the last part of its path, so a presigned S3 link (whose
 * query string must be kept to download it) reads as its file name.
 *
 * nameFromUrl('https://b.s3.amazonaws.com/data/sales.csv?X-Amz-Signature=…') // → 'sales.csv'
 */
export function nameFromUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : parsed.host;
  } catch {
    return url;
  }
}

/** A KilnError naming an HTTP failure status, with a hint for the common ones. */
export function httpError(status: number, statusText: string, name: string): KilnError {
  const hints: Record<number, string> = {
    401: 'the server wants a login; use a public or presigned link',
    403: 'access denied; if it is a presigned link it may have expired, so make a fresh one',
    404: 'nothing at that address; check the URL',
  };
  const head = `download failed: HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  return new KilnError(hints[status] ? `${head} (${hints[status]})` : head, { file: name });
}
