import { KilnError } from '../../src/core/errors.ts';
import { fromRgba, sniffImageFormat } from '../../src/core/collect/images/pixels.ts';
import type { ImageSpec } from '../../src/core/spec/schema.ts';

/** Why one image was skipped. */
export interface Skip {
  reason: string;
}

/** Images decoded at once: the browser decodes on its own threads, so many small ones in flight keep it busy… */
const maxInFlight = 32;
/** …but big photos swell ~10× when decoded, so few of those. */
const maxBytesInFlight = 16 * 1024 * 1024;

/**
 * Draws bitmaps at the spec's size on a white OffscreenCanvas and reads them back as 1 or 3
 * channels. One canvas serves every image.
 */
export class CanvasResizer {
  readonly #context: OffscreenCanvasRenderingContext2D;

  constructor(readonly image: ImageSpec) {
    const context = new OffscreenCanvas(image.width, image.height).getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('This browser cannot draw on an OffscreenCanvas in a worker');
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    this.#context = context;
  }

  /** The bitmap squeezed to width × height (aspect ratio not kept, as Keras does), transparency on white. */
  draw(bitmap: ImageBitmap): Uint8Array {
    const { width, height, channels } = this.image;
    const ctx = this.#context;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    return fromRgba(ctx.getImageData(0, 0, width, height).data, width, height, channels).data;
  }
}

/**
 * Decodes `items` with `createImageBitmap` (PNG, JPEG, WebP, GIF's first frame, BMP), a few at
 * a time, and hands each result to `onImage` in order: pixels, or why the image was skipped.
 * `load` may throw a `KilnError` (e.g. a lying zip) to stop everything; so does `signal`.
 *
 * await decodeInOrder(files, (f) => f.file, (f) => f.file.size, resizer, signal, (i, got) => …) // got: Uint8Array(784) | { reason }
 */
export async function decodeInOrder<T>(
  items: readonly T[],
  load: (item: T) => Blob | Skip | Promise<Blob | Skip>,
  sizeOf: (item: T) => number,
  resizer: CanvasResizer,
  signal: AbortSignal,
  onImage: (index: number, got: Uint8Array | Skip) => void,
): Promise<void> {
  const { width, height } = resizer.image;
  type Got = ImageBitmap | Skip | { fatal: unknown };
  const start = async (item: T): Promise<Got> => {
    try {
      const blob = await load(item);
      if (!(blob instanceof Blob)) return blob;
      // Shrink while decoding: one native step, and no full-size bitmap is kept around.
      return await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' }).catch(() => whyNot(blob));
    } catch (e) {
      return { fatal: e };
    }
  };
  const pending: Promise<Got>[] = [];
  let next = 0;
  let bytes = 0;
  try {
    for (let i = 0; i < items.length; i++) {
      while (next < items.length && next < i + maxInFlight && (next === i || bytes + sizeOf(items[next]) <= maxBytesInFlight)) {
        bytes += sizeOf(items[next]);
        pending[next] = start(items[next++]);
      }
      if (signal.aborted) throw new KilnError('loading cancelled; the images loaded before stay');
      const got = await pending[i];
      delete pending[i];
      bytes -= sizeOf(items[i]);
      if ('fatal' in got) throw got.fatal;
      if (got instanceof ImageBitmap) {
        onImage(i, resizer.draw(got));
        got.close();
      } else onImage(i, got);
    }
  } finally {
    // Cancelled or refused: release what is still decoding.
    for (const p of pending) void p?.then((g) => g instanceof ImageBitmap && g.close());
  }
}

async function whyNot(blob: Blob): Promise<Skip> {
  const format = sniffImageFormat(new Uint8Array(await blob.slice(0, 16).arrayBuffer()));
  if (!format) return { reason: 'not a PNG, JPEG, WebP, GIF or BMP file, whatever its name says' };
  return { reason: `could not be decoded (a damaged or unsupported ${format.toUpperCase()})` };
}
