/** One image that could not be used, and why (shown to the user, never silently dropped). */
export interface SkippedImage {
  name: string;
  reason: string;
}

/**
 * A labelled image data set, decoded and resized to one size: the image counterpart of `Table`.
 * Pixels are row-major HWC bytes, image after image, so the whole set is one transferable buffer.
 */
export interface ImageSet {
  /** Folder, zip or sample name, for messages. */
  source: string;
  width: number;
  height: number;
  channels: 1 | 3;
  /** Class names, sorted, one per sub-folder. */
  classes: string[];
  /** Class index of each image. */
  labels: Int32Array;
  /** count × height × width × channels bytes. */
  pixels: Uint8Array;
  /** Path of each image inside the source, e.g. "circle/0007.png". */
  names: string[];
  skipped: SkippedImage[];
  warnings: string[];
}

/** Number of images in a set. */
export function imageCount(set: ImageSet): number {
  return set.labels.length;
}

/** Bytes of one image. */
export function imageSize(set: Pick<ImageSet, 'width' | 'height' | 'channels'>): number {
  return set.width * set.height * set.channels;
}
