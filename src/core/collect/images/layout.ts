import { KilnError } from '../../errors.ts';
import type { SkippedImage } from '../image-set.ts';

/** File extensions read as images (what `image_dataset_from_directory` reads, plus WebP). */
export const imageExtensions = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp'] as const;

/** One image to decode: its path inside the source (wrapper folders removed) and its class. */
export interface ImageEntry {
  /** Path as given, used to find the file again (e.g. the zip entry name). */
  path: string;
  /** Path shown to the user and stored in `ImageSet.names`, e.g. "circle/0007.png". */
  name: string;
  classIndex: number;
}

/** What a list of paths says about a class-folder data set, before anything is decoded. */
export interface ImageFolderPlan {
  /** Class names, sorted by code point (as Python's `sorted`, so Keras gets the same indices). */
  classes: string[];
  /** Images sorted by class, then path. */
  entries: ImageEntry[];
  skipped: SkippedImage[];
}

const layoutHelp =
  'Put each class in its own sub-folder, e.g. shapes/circle/1.png and shapes/square/1.png (the layout Keras’ image_dataset_from_directory reads).';

/** True for paths ending in a known image extension. */
export function isImagePath(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot >= 0 && (imageExtensions as readonly string[]).includes(path.slice(dot + 1).toLowerCase());
}

/** True for files nobody means as data: macOS resource forks, dotfiles, Windows thumbnails. */
export function isIgnoredPath(path: string): boolean {
  const parts = path.split('/');
  const last = parts[parts.length - 1];
  return (
    parts.some((p) => p === '__MACOSX' || (p.startsWith('.') && p !== '.' && p !== '..')) ||
    /^(thumbs\.db|desktop\.ini)$/i.test(last)
  );
}

/** Splits a path into clean segments: `\` and `/` both separate, `.` and empty parts go. */
export function pathSegments(path: string): string[] {
  return path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
}

/**
 * Reads the class layout from a list of file paths (a dropped folder or a zip's entries).
 * Wrapper folders every image shares (e.g. "shapes/" or "data/train/") are removed first; the next
 * folder level names the class; deeper folders stay part of the name.
 *
 * planImageFolder(['shapes/b/1.png', 'shapes/a/2.png', 'shapes/a/notes.txt'], 'shapes.zip')
 * // → { classes: ['a', 'b'], entries: [{ name: 'a/2.png', classIndex: 0, … }, { name: 'b/1.png', classIndex: 1, … }],
 * //     skipped: [{ name: 'a/notes.txt', reason: 'not an image …' }] }
 */
export function planImageFolder(paths: readonly string[], source: string): ImageFolderPlan {
  const skipped: SkippedImage[] = [];
  const images: { path: string; parts: string[] }[] = [];
  const others: string[][] = [];
  for (const path of paths) {
    if (/[\\/]$/.test(path)) continue; // a zip's folder entry
    const parts = pathSegments(path);
    if (parts.length === 0 || isIgnoredPath(parts.join('/'))) continue;
    if (parts.includes('..')) skipped.push({ name: parts.join('/'), reason: 'path leaves the folder (“..”)' });
    // A zip may name '/etc/x.png' or 'C:\\x.png'; Kiln writes no files, but such a name is no class folder.
    else if (/^([\\/]|[A-Za-z]:)/.test(path)) skipped.push({ name: path.slice(0, 200), reason: 'absolute path (starts with “/” or a drive letter)' });
    else if (isImagePath(path)) images.push({ path, parts });
    else others.push(parts);
  }
  if (images.length === 0 && skipped.length > 0) {
    throw new KilnError(`no usable images (${skipped.length} skipped, e.g. ${skipped[0].name}: ${skipped[0].reason}). ${layoutHelp}`, { file: source });
  }
  if (images.length === 0) throw new KilnError(`no images found (looked for ${imageExtensions.join(', ')} files). ${layoutHelp}`, { file: source });

  const strip = wrapperDepth(images.map((i) => i.parts));
  for (const parts of others) skipped.push({ name: parts.slice(Math.min(strip, parts.length - 1)).join('/'), reason: `not an image (Kiln reads ${imageExtensions.join(', ')})` });

  const placed: { path: string; name: string; className: string }[] = [];
  let loose = 0;
  for (const { path, parts } of images) {
    const rest = parts.slice(strip);
    if (rest.length < 2) {
      loose++;
      skipped.push({ name: rest.join('/'), reason: 'not inside a class folder' });
    } else placed.push({ path, name: rest.join('/'), className: rest[0] });
  }
  if (placed.length === 0) {
    throw new KilnError(`all ${loose} images sit directly in the top folder, so there are no classes. ${layoutHelp}`, { file: source });
  }
  const classes = [...new Set(placed.map((p) => p.className))].sort(byCodePoint);
  if (classes.length < 2) {
    throw new KilnError(
      `found only one class folder, '${classes[0]}' (${placed.length} images); a classifier needs at least two. ${layoutHelp}`,
      { file: source },
    );
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const entries = placed
    .map((p) => ({ path: p.path, name: p.name, classIndex: index.get(p.className)! }))
    .sort((a, b) => a.classIndex - b.classIndex || byCodePoint(a.name, b.name));
  return { classes, entries, skipped };
}

/** How many leading folders every image shares and that still leave a class folder below them. */
function wrapperDepth(all: string[][]): number {
  let depth = 0;
  for (;;) {
    const first = all[0][depth];
    if (!all.every((p) => p.length >= depth + 3 && p[depth] === first)) return depth;
    depth++;
  }
}

/** Compares as Python's `sorted` does (by UTF-16 code unit, close enough to code points for names). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
