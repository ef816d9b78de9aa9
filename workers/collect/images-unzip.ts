import { Inflate } from 'fflate';
import { KilnError } from '../../src/core/errors.ts';
import { entryDataRange, type ZipEntry } from '../../src/core/collect/images/zip-directory.ts';
import { formatBytes } from '../../src/core/collect/images/zip-plan.ts';

/** Compressed bytes fed to the inflater at a time: bounds what one push can produce (~1000×). */
const chunkBytes = 16 * 1024;

/** An entry's bytes, or why this one entry could not be read (the rest of the zip still can). */
export type InflateResult = { bytes: Uint8Array } | { reason: string };

/**
 * Inflates one zip entry, never past the size its central directory declares (already checked
 * against the limits by `planZip`): a stream that runs past it means the archive lies, and the
 * whole zip is refused with a `KilnError`. Damaged entries come back as a reason to skip them.
 *
 * inflateEntry(zipBytes, entry, 'shapes.zip') // → { bytes: Uint8Array(412) }
 */
export function inflateEntry(zip: Uint8Array, entry: ZipEntry, source: string): InflateResult {
  const { start, end } = entryDataRange(zip, entry, source);
  const packed = zip.subarray(start, end);
  if (entry.method === 0) {
    if (packed.length !== entry.originalSize) return { reason: 'damaged in the zip (stored size does not match)' };
    return { bytes: packed };
  }
  const out = new Uint8Array(entry.originalSize);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > out.length) {
      throw new KilnError(
        `'${entry.name}' unpacks to more than the ${formatBytes(entry.originalSize)} its zip directory declares; Kiln stopped unpacking and refuses this zip (zip bombs lie like this)`,
        { file: source },
      );
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    let at = 0;
    do {
      inflater.push(packed.subarray(at, at + chunkBytes), at + chunkBytes >= packed.length);
      at += chunkBytes;
    } while (at < packed.length);
  } catch (e) {
    if (e instanceof KilnError) throw e;
    return { reason: `damaged in the zip (${(e as Error).message})` };
  }
  if (written !== entry.originalSize) return { reason: `damaged in the zip (unpacked ${written} of ${entry.originalSize} bytes)` };
  return { bytes: out };
}
