/**
 * A CNN's first convolution as the Evaluate stage draws it: each learned filter's weights and the
 * feature maps it makes of one example image. Plain typed arrays, transferred from the worker.
 */
export interface LearnedFilters {
  /** The TF.js layer's name, e.g. "conv2d_Conv2D1". */
  layer: string;
  /** Its activation, e.g. "relu": the maps are after it. */
  activation: string;
  kernel: { width: number; height: number; channels: number; count: number };
  /** Filter-major: filter k's weights start at k × height × width × channels (row, column, channel inside). */
  weights: Float32Array;
  /** The example: its index in the trained set, file name and pixels (height × width × channels bytes). */
  example: { index: number; name: string; width: number; height: number; channels: number; pixels: Uint8Array };
  /** Map-major: map k starts at k × height × width; `count` equals the filter count. */
  maps: { width: number; height: number; count: number; values: Float32Array };
}

/**
 * Lowest and highest of a typed array's `[from, from + length)` slice, for drawing it as grey
 * levels; [0, 0] when empty.
 *
 * valueRange(Float32Array.of(3, -1, 2), 0, 3) // → [-1, 3]
 */
export function valueRange(values: ArrayLike<number>, from = 0, length = values.length - from): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < from + length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
