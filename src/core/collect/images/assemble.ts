import { KilnError } from '../../errors.ts';
import type { ImageSpec } from '../../spec/schema.ts';
import { imageSize, type ImageSet, type SkippedImage } from '../image-set.ts';
import { formatBytes } from './zip-plan.ts';

/** Decoded pixels held at once, at most: past this the input size or the data set must shrink. */
export const maxPixelBytes = 1024 * 1024 * 1024;

/** Fewer images than this in a class earns a warning. */
const fewImages = 5;

/**
 * Collects decoded images, in order, into one `ImageSet` buffer. Images that fail are skipped, and
 * classes left without any image are dropped with a warning; fewer than two classes is an error.
 *
 * const b = new ImageSetBuilder('shapes', { width: 2, height: 2, channels: 1 }, ['a', 'b'], 2);
 * b.add('a/1.png', 0, pixelsA); b.add('b/1.png', 1, pixelsB); b.finish() // → ImageSet with 2 images
 */
export class ImageSetBuilder {
  readonly #size: number;
  readonly #pixels: Uint8Array;
  readonly #labels: number[] = [];
  readonly #names: string[] = [];
  readonly skipped: SkippedImage[];

  constructor(
    readonly source: string,
    readonly image: ImageSpec,
    readonly classes: string[],
    capacity: number,
    skipped: SkippedImage[] = [],
  ) {
    this.#size = imageSize(image);
    const bytes = capacity * this.#size;
    if (bytes > maxPixelBytes) {
      throw new KilnError(
        `${capacity} images at ${image.width}×${image.height}×${image.channels} need ${formatBytes(bytes)} of memory, over the ${formatBytes(maxPixelBytes)} limit; choose a smaller input size or fewer images`,
        { file: source },
      );
    }
    this.#pixels = new Uint8Array(bytes);
    this.skipped = [...skipped];
  }

  /** Number of images added so far. */
  get count(): number {
    return this.#labels.length;
  }

  /** Appends one image's `height × width × channels` bytes. */
  add(name: string, classIndex: number, pixels: Uint8Array): void {
    if (pixels.length !== this.#size) throw new Error(`image ${name} has ${pixels.length} bytes, expected ${this.#size}`);
    this.#pixels.set(pixels, this.count * this.#size);
    this.#labels.push(classIndex);
    this.#names.push(name);
  }

  /** Lists an image that could not be used. */
  skip(name: string, reason: string): void {
    this.skipped.push({ name, reason });
  }

  /** The finished set; throws a readable error when fewer than two classes have images. */
  finish(): ImageSet {
    const counts = this.classes.map((_, c) => this.#labels.filter((l) => l === c).length);
    const kept = this.classes.filter((_, c) => counts[c] > 0);
    const warnings = this.classes.filter((_, c) => counts[c] === 0).map((name) => `Class '${name}' has no readable image and was left out.`);
    if (this.count === 0) {
      // The runner prints the skipped list only after a load succeeds, so the first reason goes in the message.
      const first = this.skipped[0];
      const example = first ? `, e.g. ${first.name}: ${first.reason}` : '';
      throw new KilnError(`none of the images could be read (${this.skipped.length} skipped${example}; see the list for why)`, { file: this.source });
    }
    if (kept.length < 2) {
      throw new KilnError(`only class '${kept[0]}' has readable images; a classifier needs at least two classes`, { file: this.source });
    }
    const remap = new Map(kept.map((name, i) => [this.classes.indexOf(name), i]));
    const keptCounts = kept.map((name) => counts[this.classes.indexOf(name)]);
    const small = kept.map((name, i) => `'${name}' (${keptCounts[i]})`).filter((_, i) => keptCounts[i] < fewImages);
    if (small.length) warnings.push(`Few images in ${small.join(', ')}: a few dozen per class is a sensible minimum.`);
    const most = Math.max(...keptCounts);
    const least = Math.min(...keptCounts);
    if (least >= fewImages && most > 5 * least) warnings.push(`The classes are unbalanced (${least} to ${most} images); accuracy alone will flatter the model.`);
    return {
      source: this.source,
      width: this.image.width,
      height: this.image.height,
      channels: this.image.channels,
      classes: kept,
      labels: Int32Array.from(this.#labels, (l) => remap.get(l)!),
      pixels: this.#pixels.length === this.count * this.#size ? this.#pixels : this.#pixels.slice(0, this.count * this.#size),
      names: this.#names,
      skipped: this.skipped,
      warnings,
    };
  }
}
