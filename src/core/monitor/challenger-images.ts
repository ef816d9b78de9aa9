import { maxPixelBytes } from '../collect/images/assemble.ts';
import { formatBytes } from '../collect/images/zip-plan.ts';
import { imageSize, type ImageSet } from '../collect/image-set.ts';
import { KilnError } from '../errors.ts';

/** A checked image batch, decoded at the champion's input size: what an image challenger learns from. */
export interface LabelledImages {
  source: string;
  /** Path of each image inside the batch, e.g. "circle/7.png". */
  names: string[];
  /** Each image's class (its first folder), or null for an image outside any class folder. */
  labels: (string | null)[];
  /** names.length × height × width × channels bytes, image after image. */
  pixels: Uint8Array;
}

/**
 * The champion's image set with the batch's labelled images appended: images 0…n-1 are the
 * champion's, unchanged, so its split's indices keep meaning; a class only the batch has is added
 * (classes stay sorted, as Collect makes them, and the champion's labels are renumbered to match).
 * Unlabelled images are left out. `added` lists the appended images' indices.
 *
 * appendImages(shapes24, { names: ['circle/a.png', 'star/b.png', 'c.png'], labels: ['circle', 'star', null], … })
 * // → { set: { classes: ['circle', 'square', 'star', 'triangle'], labels: [24 renumbered…, 0, 2], … }, added: [24, 25] }
 */
export function appendImages(base: ImageSet, batch: LabelledImages): { set: ImageSet; added: number[] } {
  const size = imageSize(base);
  if (batch.pixels.length !== batch.names.length * size) throw new Error(`${batch.source}: ${batch.pixels.length} bytes for ${batch.names.length} images of ${size} bytes`);
  const keep = batch.labels.flatMap((label, i) => (label === null ? [] : [i]));
  const n = base.labels.length;
  const bytes = (n + keep.length) * size;
  if (bytes > maxPixelBytes) {
    throw new KilnError(`with the training images it needs ${formatBytes(bytes)} of memory, over the ${formatBytes(maxPixelBytes)} limit; retrain on the batch alone (replace) or use fewer images`, { file: batch.source });
  }
  const classes = [...new Set([...base.classes, ...keep.map((i) => batch.labels[i]!)])].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const labels = new Int32Array(n + keep.length);
  base.labels.forEach((l, i) => (labels[i] = index.get(base.classes[l])!));
  const pixels = new Uint8Array(bytes);
  pixels.set(base.pixels.subarray(0, n * size));
  keep.forEach((from, k) => {
    labels[n + k] = index.get(batch.labels[from]!)!;
    pixels.set(batch.pixels.subarray(from * size, (from + 1) * size), (n + k) * size);
  });
  const set: ImageSet = {
    ...base,
    source: `${base.source} + ${batch.source}`,
    classes,
    labels,
    pixels,
    // Prefixed with the batch's name: the two sources may hold the same paths.
    names: [...base.names, ...keep.map((i) => `${batch.source}/${batch.names[i]}`)],
    warnings: [],
  };
  return { set, added: keep.map((_, k) => n + k) };
}
