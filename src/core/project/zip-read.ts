import { unzipSync } from 'fflate';
import { KilnError } from '../errors.ts';
import type { Entries } from './data-codec.ts';
import { projectLimits } from './limits.ts';

/** Where an entry may live in a .kiln file; anything else (`../x`, `/etc/x`, `a\b`) is refused. */
const dataPath = String.raw`data\/(table|images)\.json|data\/(lines|labels|pixels)\.bin|data\/columns\/\d{1,6}\.bin`;
const modelPath = String.raw`model\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`;
// A kept history model has the same parts under history/<id>/ (model-history.ts).
const allowedPath = new RegExp(String.raw`^(kiln\.json|spec\.json|runs\.json|checkpoint\.bin|history\.json|${dataPath}|${modelPath}|history\/[1-9]\d{0,5}\/(entry\.json|${dataPath}|${modelPath}))$`);

/** True when `path` is one a .kiln file may hold (a plain relative name, no `..`, no folders outside data/ and model/). */
export function isAllowedPath(path: string): boolean {
  return allowedPath.test(path) && !path.split('/').includes('..');
}

/**
 * Unzips a .kiln file after checking, from the zip's directory alone, that every entry has an
 * allowed path and a bounded size, so nothing hostile is inflated. Inflating writes into a buffer
 * of the declared size, so a lying directory cannot make it grow; the manifest's checksums catch
 * the rest.
 */
export function readZip(bytes: Uint8Array, file: string, limits = projectLimits): Entries {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new KilnError('is not a Kiln project file (not a zip archive)', { file });
  const declared = new Map<string, number>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: ({ name, size, originalSize, compression }) => {
        const where = { file: `${file}: ${name.slice(0, 200)}` };
        if (declared.size >= limits.maxEntries) throw new KilnError(`holds more than ${limits.maxEntries} entries`, { file });
        if (!isAllowedPath(name)) throw new KilnError('is not a path a project may contain; the file was not made by Kiln or was altered', where);
        if (declared.has(name)) throw new KilnError('appears twice in the archive', where);
        if (compression !== 0 && compression !== 8) throw new KilnError(`uses compression method ${compression}; Kiln writes only deflate`, where);
        if (originalSize > limits.maxEntryBytes) throw new KilnError(`would unpack to ${mb(originalSize)}, over the ${mb(limits.maxEntryBytes)} limit for one entry`, where);
        if (originalSize > Math.max(1024, size * limits.maxRatio)) throw new KilnError(`would unpack ${size} bytes to ${mb(originalSize)}: refused as a likely zip bomb`, where);
        total += originalSize;
        if (total > limits.maxTotalBytes) throw new KilnError(`would unpack to more than ${mb(limits.maxTotalBytes)}`, { file });
        declared.set(name, originalSize);
        return false; // first pass: read the directory only
      },
    });
  } catch (e) {
    throw wrap(e, file);
  }
  let entries: Entries;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw wrap(e, file);
  }
  for (const [name, size] of declared) {
    if (entries[name]?.length !== size) throw new KilnError(`is damaged: ${name} should hold ${size} bytes`, { file });
  }
  return entries;
}

function wrap(e: unknown, file: string): KilnError {
  if (e instanceof KilnError) return e;
  return new KilnError(`is damaged or truncated (${(e as Error)?.message ?? String(e)}); export the project again`, { file });
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
