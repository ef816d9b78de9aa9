/** A packed pixel buffer: `height × width × channels` bytes, row-major. */
export interface Pixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: number;
}

/** Pixels Kiln produced itself: always plain bytes. */
export interface BytePixels extends Pixels {
  data: Uint8Array;
}

/** For one output index along an axis: the first input index it reads and a weight per input index. */
interface Taps {
  start: number;
  weights: Float64Array;
}

/**
 * Resizes pixels to `width × height` (aspect ratio is not kept, as Keras does by default).
 * Shrinking averages the area each output pixel covers; enlarging interpolates bilinearly with
 * pixel centres aligned. Same size is an exact copy.
 *
 * resizePixels({ data: Uint8Array.of(0, 10, 20, 30), width: 2, height: 2, channels: 1 }, 1, 1).data // → Uint8Array [15]
 */
export function resizePixels(src: Pixels, width: number, height: number): BytePixels {
  const { channels } = src;
  if (src.width === width && src.height === height) return { data: Uint8Array.from(src.data), width, height, channels };
  const xs = axisTaps(src.width, width);
  const ys = axisTaps(src.height, height);
  // Separable: rows first into floats, then columns, rounding once at the end.
  const rows = new Float64Array(src.height * width * channels);
  for (let y = 0; y < src.height; y++) {
    const inRow = y * src.width * channels;
    const outRow = y * width * channels;
    for (let x = 0; x < width; x++) {
      const { start, weights } = xs[x];
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < weights.length; k++) sum += weights[k] * src.data[inRow + (start + k) * channels + c];
        rows[outRow + x * channels + c] = sum;
      }
    }
  }
  const out = new Uint8Array(height * width * channels);
  const stride = width * channels;
  for (let y = 0; y < height; y++) {
    const { start, weights } = ys[y];
    for (let i = 0; i < stride; i++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * rows[(start + k) * stride + i];
      out[y * stride + i] = Math.min(255, Math.max(0, Math.round(sum)));
    }
  }
  return { data: out, width, height, channels };
}

function axisTaps(from: number, to: number): Taps[] {
  const scale = from / to;
  const taps: Taps[] = [];
  for (let i = 0; i < to; i++) taps.push(scale > 1 ? areaTaps(i, scale, from) : bilinearTaps(i, scale, from));
  return taps;
}

/** Output pixel i covers input span [i·scale, (i+1)·scale): weight each input pixel by its overlap. */
function areaTaps(i: number, scale: number, from: number): Taps {
  const left = i * scale;
  const right = Math.min(from, left + scale);
  const start = Math.floor(left);
  const end = Math.ceil(right);
  const weights = new Float64Array(end - start);
  for (let j = start; j < end; j++) weights[j - start] = (Math.min(right, j + 1) - Math.max(left, j)) / scale;
  return { start, weights };
}

/** Output pixel centre i + ½ maps to input coordinate (i + ½)·scale − ½, clamped at the edges. */
function bilinearTaps(i: number, scale: number, from: number): Taps {
  const at = Math.min(from - 1, Math.max(0, (i + 0.5) * scale - 0.5));
  const start = Math.min(Math.floor(at), Math.max(0, from - 2));
  if (from === 1) return { start: 0, weights: Float64Array.of(1) };
  const t = at - start;
  return { start, weights: Float64Array.of(1 - t, t) };
}
