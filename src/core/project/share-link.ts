import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { KilnError } from '../errors.ts';
import type { PipelineSpec } from '../spec/schema.ts';
import { formatSpecIssues, validateSpec } from '../spec/validate.ts';

/** The URL-hash key a shared configuration travels under: `#spec=<deflated JSON, base64url>`. */
export const shareKey = 'spec';
const maxHashChars = 32_000;
const maxSpecBytes = 1024 * 1024;

/**
 * The hash of a link that carries `spec` and nothing else (no data, no model): its JSON,
 * deflated, in base64url, so a teacher can hand a class the same setup.
 *
 * shareHash(defaultSpec('data/iris.csv', 'species')) // → '#spec=q1YqS…'
 */
export function shareHash(spec: PipelineSpec): string {
  return `#${shareKey}=${toBase64Url(deflateSync(strToU8(JSON.stringify(spec)), { level: 9 }))}`;
}

/**
 * The spec a shared link's hash carries, validated like any spec; null when the hash holds none.
 * A damaged or hostile hash throws a KilnError saying so (inflating stops at 1 MB).
 */
export function specFromHash(hash: string): PipelineSpec | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(shareKey);
  if (value === null) return null;
  const where = { file: 'the shared link' };
  if (value.length > maxHashChars) throw new KilnError(`is too long (${value.length} characters) to be a Kiln configuration`, where);
  let text: string;
  try {
    text = strFromU8(inflateBounded(fromBase64Url(value), maxSpecBytes));
  } catch (e) {
    throw new KilnError(`is damaged (${(e as Error).message}); ask for the link again`, where);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KilnError('is damaged (its configuration is not JSON); ask for the link again', where);
  }
  const result = validateSpec(json);
  if (!result.ok) throw new KilnError(`holds a configuration this Kiln cannot use: ${formatSpecIssues(result.issues).replaceAll('\n', '; ')}`, where);
  return result.spec;
}

/** Inflates raw deflate data, refusing more than `limit` bytes of output. */
function inflateBounded(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > limit) throw new Error(`it unpacks to more than ${limit} bytes`);
    chunks.push(chunk);
    ended ||= final;
  });
  inflate.push(data, true);
  if (!ended) throw new Error('it is cut short');
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it holds characters base64url does not use');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
