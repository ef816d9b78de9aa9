import { imageSize, type ImageSet, type SkippedImage } from '../image-set.ts';

/** What the page shows of a resident image set: counts, a few samples per class, what was skipped. */
export interface ImageSetSummary {
  source: string;
  width: number;
  height: number;
  channels: 1 | 3;
  classes: string[];
  /** Images per class, in `classes` order. */
  counts: number[];
  total: number;
  /** Sample images, grouped by class; sample i's bytes are `samplePixels` from i × imageSize. */
  samples: { classIndex: number; name: string }[];
  /** One transferable buffer holding every sample's pixels. */
  samplePixels: Uint8Array;
  skipped: SkippedImage[];
  warnings: string[];
}

/** Progress of loading images; one union keyed on `status`, like training's. */
export type ImageLoadProgress =
  | { status: 'read'; done: number; total: number }
  | { status: 'unzip'; done: number; total: number }
  | { status: 'decode'; done: number; total: number };

/**
 * Summarises a set for the page, taking up to `perClass` samples per class spread evenly over it.
 *
 * summarizeImageSet(set, 8) // → { classes: ['circle', 'square'], counts: [3, 3], samples: [{ classIndex: 0, name: 'circle/1.png' }, …], … }
 */
export function summarizeImageSet(set: ImageSet, perClass = 8): ImageSetSummary {
  const byClass: number[][] = set.classes.map(() => []);
  set.labels.forEach((label, i) => byClass[label].push(i));
  const picked = byClass.flatMap((members) => spread(members, perClass));
  const size = imageSize(set);
  const samplePixels = new Uint8Array(picked.length * size);
  picked.forEach((index, i) => samplePixels.set(set.pixels.subarray(index * size, (index + 1) * size), i * size));
  return {
    source: set.source,
    width: set.width,
    height: set.height,
    channels: set.channels,
    classes: set.classes,
    counts: byClass.map((m) => m.length),
    total: set.labels.length,
    samples: picked.map((index) => ({ classIndex: set.labels[index], name: set.names[index] })),
    samplePixels,
    skipped: set.skipped,
    warnings: set.warnings,
  };
}

/** Up to `n` members at even steps, first one included. */
function spread<T>(members: T[], n: number): T[] {
  if (members.length <= n) return members;
  return Array.from({ length: n }, (_, i) => members[Math.floor((i * members.length) / n)]);
}
