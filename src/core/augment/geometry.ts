/** One image's rotation, zoom and shift, as drawn for a batch. */
export interface Placement {
  /** Radians; positive turns the picture counter-clockwise on screen. */
  angle: number;
  /** Side of the sampled square as a fraction of the image side: < 1 zooms in, 1 keeps the size. */
  zoom: number;
  /** Where the sampled region's centre moves, in pixels (x right, y down). */
  shiftX: number;
  shiftY: number;
}

/** The placement that leaves an image exactly as it is. */
export const identityPlacement: Placement = { angle: 0, zoom: 1, shiftX: 0, shiftY: 0 };

/** The 8 numbers of `tf.image.transform` for the identity: output pixel (x, y) reads input (x, y). */
export const identityTransform: readonly number[] = [1, 0, 0, 0, 1, 0, 0, 0];

/**
 * The projective row `[a0, a1, a2, b0, b1, b2, c0, c1]` that `tf.image.transform` uses to map an
 * output pixel (x, y) to the input point it samples: in = centre + zoom·R(angle)·(out − centre) + shift.
 * Pixel centres are integer coordinates, so the centre of a w-wide image is (w − 1) / 2.
 *
 * placementTransform({ angle: Math.PI / 2, zoom: 1, shiftX: 0, shiftY: 0 }, 3, 3)
 * // → [0, -1, 2, 1, 0, 0, 0, 0]: output (0, 0) reads input (2, 0), the top-right pixel
 */
export function placementTransform(p: Placement, height: number, width: number): number[] {
  if (p.angle === 0 && p.zoom === 1 && p.shiftX === 0 && p.shiftY === 0) return [...identityTransform];
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  // Exact zeros at multiples of 90° keep right-angle turns free of interpolation blur.
  const cos = snap(Math.cos(p.angle));
  const sin = snap(Math.sin(p.angle));
  const a0 = p.zoom * cos;
  const a1 = -p.zoom * sin;
  const b0 = p.zoom * sin;
  const b1 = p.zoom * cos;
  const a2 = cx - a0 * cx - a1 * cy + p.shiftX;
  const b2 = cy - b0 * cx - b1 * cy + p.shiftY;
  return [a0, a1, a2, b0, b1, b2, 0, 0];
}

function snap(v: number): number {
  return Math.abs(v) < 1e-12 ? 0 : Math.abs(1 - Math.abs(v)) < 1e-12 ? Math.sign(v) : v;
}
