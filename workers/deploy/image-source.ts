import { readZipDirectory } from '../../src/core/collect/images/zip-directory.ts';
import { defaultZipLimits, formatBytes } from '../../src/core/collect/images/zip-plan.ts';
import type { FolderFile } from '../../src/core/collect/protocol.ts';
import { zipEntryProblem } from '../../src/core/deploy/predict/image-rows.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { Skip } from '../collect/images-decode.ts';
import { inflateEntry } from '../collect/images-unzip.ts';

/** A batch of images as paths, a loader per path and each one's size (for the decode queue). */
export interface ImageSource {
  all: string[];
  load: (path: string) => Blob | Skip;
  sizeOf: (path: string) => number;
}

/** A picked folder's files as a source: paths relative to the folder. */
export function folderSource(files: FolderFile[]): ImageSource {
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  return { all: [...byPath.keys()], load: (p) => byPath.get(p)!, sizeOf: (p) => byPath.get(p)!.size };
}

/** A zip of images as a source, unzipped entry by entry within the Collect stage's limits. */
export async function zipSource(zip: Blob, source: string): Promise<ImageSource> {
  if (zip.size > defaultZipLimits.maxArchiveBytes) {
    throw new KilnError(`is ${formatBytes(zip.size)}, over the ${formatBytes(defaultZipLimits.maxArchiveBytes)} limit per zip; unzip it and pick the folder instead`, { file: source });
  }
  const bytes = new Uint8Array(await zip.arrayBuffer());
  const entries = new Map(readZipDirectory(bytes, source, defaultZipLimits.maxEntries).map((e) => [e.name, e]));
  const load = (path: string): Blob | Skip => {
    const entry = entries.get(path)!;
    const problem = zipEntryProblem(entry);
    const got = problem ? { reason: problem } : inflateEntry(bytes, entry, source);
    return 'bytes' in got ? new Blob([got.bytes as Uint8Array<ArrayBuffer>]) : got;
  };
  return { all: [...entries.keys()], load, sizeOf: (path) => entries.get(path)!.originalSize };
}
