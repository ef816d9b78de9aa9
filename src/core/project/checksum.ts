import { KilnError } from '../errors.ts';

/**
 * SHA-256 of some bytes as 64 hex digits, by WebCrypto (browsers' secure pages and Node 20).
 * Not fflate's CRC-32: a checksum in the manifest should also catch a deliberate edit, and the
 * zip's own CRCs are not checked by fflate.
 *
 * await sha256Hex(new TextEncoder().encode('abc')) // → 'ba7816bf8f01cfea…'
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new KilnError('this page cannot compute checksums (WebCrypto needs https or localhost); open Kiln from a secure address');
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
