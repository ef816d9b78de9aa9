import { KilnError } from '../../errors.ts';
import { planImageFolder, type ImageFolderPlan } from './layout.ts';
import type { ZipEntry } from './zip-directory.ts';

/** How much a zip may unpack to; checked on the declared sizes first and again while inflating. */
export interface ZipLimits {
  /** Size of the .zip file itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

const MB = 1024 * 1024;

/** Limits for zips dropped in the studio: 512 MB unpacked in all, 32 MB per image, 50,000 entries. */
export const defaultZipLimits: ZipLimits = {
  maxArchiveBytes: 1024 * MB,
  maxEntries: 50_000,
  maxEntryBytes: 32 * MB,
  maxTotalBytes: 512 * MB,
};

/** The images to inflate from a zip, with the entry behind each planned path. */
export interface ZipPlan extends ImageFolderPlan {
  zipEntries: Map<string, ZipEntry>;
}

/** "32 MB", "1.5 GB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

const bombAdvice = 'Kiln refuses such zips before unpacking anything (zip bombs look like this); if the data is genuine, unzip it yourself and drop the folder.';

/**
 * Chooses the zip entries to inflate and refuses the zip, before inflating anything, when the
 * sizes its directory declares break a limit. Only image entries count; others are listed as skipped.
 *
 * planZip(entries, 'bomb.zip') // throws "bomb.zip: 'a/1.png' claims to unpack to 4.0 GB, over the 32 MB limit per file. …"
 */
export function planZip(entries: readonly ZipEntry[], source: string, limits: ZipLimits = defaultZipLimits): ZipPlan {
  if (entries.length > limits.maxEntries) {
    throw new KilnError(`holds ${entries.length} entries, over the limit of ${limits.maxEntries} entries per zip`, { file: source });
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const plan = planImageFolder(
    entries.map((e) => e.name),
    source,
  );
  let total = 0;
  const kept = [];
  for (const entry of plan.entries) {
    const zipEntry = byName.get(entry.path)!;
    if (zipEntry.encrypted) {
      plan.skipped.push({ name: entry.name, reason: 'encrypted in the zip (Kiln cannot read password-protected zips)' });
      continue;
    }
    if (zipEntry.method !== 0 && zipEntry.method !== 8) {
      plan.skipped.push({ name: entry.name, reason: `packed with zip method ${zipEntry.method}; Kiln reads only stored and deflated entries` });
      continue;
    }
    if (zipEntry.originalSize > limits.maxEntryBytes) {
      throw new KilnError(
        `'${entry.name}' claims to unpack to ${formatBytes(zipEntry.originalSize)}, over the ${formatBytes(limits.maxEntryBytes)} limit per file. ${bombAdvice}`,
        { file: source },
      );
    }
    total += zipEntry.originalSize;
    kept.push(entry);
  }
  if (total > limits.maxTotalBytes) {
    throw new KilnError(
      `its images claim to unpack to ${formatBytes(total)} in all, over the ${formatBytes(limits.maxTotalBytes)} limit per zip. ${bombAdvice}`,
      { file: source },
    );
  }
  return { ...plan, entries: kept, zipEntries: byName };
}
