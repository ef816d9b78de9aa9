import { imageExtensions, isIgnoredPath, isImagePath, pathSegments, byCodePoint } from '../../collect/images/layout.ts';
import type { ZipEntry } from '../../collect/images/zip-directory.ts';
import { defaultZipLimits, formatBytes, type ZipLimits } from '../../collect/images/zip-plan.ts';
import { KilnError } from '../../errors.ts';
import type { RowPrediction } from './decode.ts';
import { predictionColumns } from './header.ts';
import { predictionCells } from './output-cells.ts';

/** Images per decode → predict → write step: bounds memory however large the folder is. */
export const imageBatchSize = 256;

/** The images of a folder or zip to predict, in output order, and how many other files were passed over. */
export interface ImageList {
  /** Paths as given (to read the file again), image files only, sorted by code point. */
  paths: string[];
  /** Files that are not images by their extension (notes, CSVs); they get no row. */
  ignored: number;
}

/**
 * Picks the image files to predict from a folder's or zip's paths. Unlike training, no class
 * folders are needed: any image anywhere below gets one row. Both the runner and the page sort
 * the same way, so their outputs line up row for row.
 *
 * listImages(['b/2.png', 'a.jpg', 'notes.txt', '__MACOSX/._a.jpg', 'shapes/'], 'new.zip')
 * // → { paths: ['a.jpg', 'b/2.png'], ignored: 1 }
 */
export function listImages(paths: readonly string[], source: string): ImageList {
  const images: string[] = [];
  let ignored = 0;
  for (const path of paths) {
    if (/[\\/]$/.test(path)) continue; // a zip's folder entry
    const clean = pathSegments(path).join('/');
    if (clean === '' || isIgnoredPath(clean)) continue;
    if (isImagePath(path)) images.push(path);
    else ignored++;
  }
  if (images.length === 0) throw new KilnError(`no images found (looked for ${imageExtensions.join(', ')} files)`, { file: source });
  return { paths: images.sort(byCodePoint), ignored };
}

/**
 * Why a zip entry cannot be read, or null when it can. Unlike training, one bad entry costs only
 * its own row: the rest of the zip is still predicted.
 *
 * zipEntryProblem({ name: 'a.png', method: 12, … }) // → 'packed with zip method 12; Kiln reads only stored and deflated entries'
 */
export function zipEntryProblem(entry: ZipEntry, limits: ZipLimits = defaultZipLimits): string | null {
  if (entry.encrypted) return 'encrypted in the zip (Kiln cannot read password-protected zips)';
  if (entry.method !== 0 && entry.method !== 8) return `packed with zip method ${entry.method}; Kiln reads only stored and deflated entries`;
  if (entry.originalSize > limits.maxEntryBytes) {
    return `claims to unpack to ${formatBytes(entry.originalSize)}, over the ${formatBytes(limits.maxEntryBytes)} limit per file; not unpacked`;
  }
  return null;
}

/**
 * The header of an image batch job's output: path, prediction, p_<class> per class, error.
 *
 * imageOutputHeader(['circle', 'square']) // → ['path', 'prediction', 'p_circle', 'p_square', 'error']
 */
export function imageOutputHeader(classes: readonly string[]): string[] {
  return ['path', ...predictionColumns(classes, ['path'])];
}

/**
 * One output row: the image's path, then its prediction cells (or empty ones and the error).
 *
 * imageOutputRow('circle/1.png', { prediction: 'circle', probabilities: [0.9, 0.1] }, ['circle', 'square'], null)
 * // → ['circle/1.png', 'circle', '0.9', '0.1', '']
 */
export function imageOutputRow(path: string, p: RowPrediction | null, classes: readonly string[], error: string | null): string[] {
  return [path, ...predictionCells(p, classes, error)];
}
