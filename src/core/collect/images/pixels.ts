import type { BytePixels } from './resize.ts';

/**
 * Turns RGBA bytes (a decoder's or `getImageData`'s) into 1 (grey) or 3 (RGB) channels.
 * Transparent areas are laid on white, as the image looks on a page; grey uses the ITU-R 601
 * luma weights PIL's `convert('L')` uses.
 *
 * fromRgba(Uint8Array.of(255, 0, 0, 255), 1, 1, 1).data // → Uint8Array [76]
 */
export function fromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 3): BytePixels {
  const n = width * height;
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const a = rgba[i * 4 + 3] / 255;
    const white = 255 * (1 - a);
    const r = rgba[i * 4] * a + white;
    const g = rgba[i * 4 + 1] * a + white;
    const b = rgba[i * 4 + 2] * a + white;
    if (channels === 1) out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else {
      out[i * 3] = Math.round(r);
      out[i * 3 + 1] = Math.round(g);
      out[i * 3 + 2] = Math.round(b);
    }
  }
  return { data: out, width, height, channels };
}

/** Expands 1- or 3-channel pixels to opaque RGBA, e.g. for `new ImageData(…)` on the page. */
export function toRgba(data: Uint8Array, width: number, height: number, channels: 1 | 3): Uint8ClampedArray {
  const n = width * height;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const r = data[i * channels];
    out[i * 4] = r;
    out[i * 4 + 1] = channels === 1 ? r : data[i * 3 + 1];
    out[i * 4 + 2] = channels === 1 ? r : data[i * 3 + 2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Which image format bytes are, from their first bytes; `null` when none Kiln knows. */
export function sniffImageFormat(head: Uint8Array): 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 2) === 'BM') return 'bmp';
  return null;
}
