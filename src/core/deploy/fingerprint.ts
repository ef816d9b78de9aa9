import type { ImageSet } from '../collect/image-set.ts';
import type { Table } from '../collect/table.ts';
import { fnv1a64 } from './sagemaker/names.ts';

/**
 * A short hex digest of the data a model was trained on (FNV-1a 64 over each column's name and
 * values, or an image set's labels and pixels), for manifest.json: the same data gives the same
 * fingerprint whatever file it came from, and a changed cell changes it.
 *
 * dataFingerprint(iris) // → '9c3e1f0a47d2b866'
 */
export function dataFingerprint(data: Table | ImageSet): string {
  const parts: Uint8Array[] = [];
  const text = (s: string) => parts.push(new TextEncoder().encode(`${s}\u0000`));
  if ('columns' in data) {
    for (const c of data.columns) {
      text(`${c.type}:${c.name}`);
      if (c.type === 'numeric') parts.push(bytesOf(c.values));
      else {
        c.categories.forEach(text);
        parts.push(bytesOf(c.codes));
      }
    }
  } else {
    text(`${data.width}x${data.height}x${data.channels}`);
    data.classes.forEach(text);
    parts.push(bytesOf(data.labels), data.pixels);
  }
  // Digest of the digests: no copy of a large table into one buffer.
  return fnv1a64(new TextEncoder().encode(parts.map(fnv1a64).join('')));
}

function bytesOf(a: Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
