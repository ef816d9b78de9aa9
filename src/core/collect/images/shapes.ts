import { createRng, type Rng } from '../../split/random.ts';
import type { ImageSet } from '../image-set.ts';

/** A colour as red, green, blue in 0–255 (fractions allowed). */
export type Rgb = [number, number, number];

/** One shape on its background, in pixel coordinates (x right, y down). */
export interface Shape {
  kind: ShapeClass;
  cx: number;
  cy: number;
  /** Radius of the circle of equal area: every class covers π r² pixels. */
  r: number;
  /** Radians, clockwise on screen. */
  rotation: number;
  fg: Rgb;
  bg: Rgb;
  /** Background brightness ramp: `amount` (0–255) from one side to the other along `angle`. */
  gradient: { angle: number; amount: number };
}

/** The three classes of the generated shapes sample, sorted like folder names. */
export const shapeClasses = ['circle', 'square', 'triangle'] as const;
/** One of `circle`, `square`, `triangle`. */
export type ShapeClass = (typeof shapeClasses)[number];

/** How many shapes to draw, at what size. */
export interface ShapesOptions {
  perClass: number;
  width: number;
  height: number;
  channels: 1 | 3;
  seed: number;
  /** Sub-samples per pixel side for anti-aliasing (4 → 16 samples per pixel). */
  supersample: number;
}

/** 100 circles, squares and triangles each, 32×32 RGB. */
export const defaultShapesOptions: ShapesOptions = { perClass: 100, width: 32, height: 32, channels: 3, seed: 1, supersample: 4 };

// Shapes get equal areas (π r² for a given r), so size alone never gives the class away.
const squareHalfSide = Math.sqrt(Math.PI) / 2; // (2a)² = π r²
const triangleRadius = Math.sqrt((4 * Math.PI) / (3 * Math.sqrt(3))); // (3√3/4) R² = π r²
/** Luma gap between a shape and its background, 0–255, so every shape stays visible in grey too. */
const minContrast = 70;

/**
 * Draws a seeded "shapes" image set: circles, squares and triangles of random size, rotation,
 * position and colour on a random shaded background. Same options → same bytes (in one JS engine).
 * Each image has its own random stream, so image k of a class is the same whatever `perClass` is.
 *
 * generateShapes({ perClass: 2, width: 16, height: 16, channels: 1 })
 * // → { classes: ['circle', 'square', 'triangle'], labels: [0, 0, 1, 1, 2, 2], pixels: 6 × 256 bytes, … }
 */
export function generateShapes(options: Partial<ShapesOptions> = {}): ImageSet {
  const o = { ...defaultShapesOptions, ...options };
  if (!Number.isInteger(o.perClass) || o.perClass < 1) throw new RangeError(`perClass must be a whole number ≥ 1, got ${o.perClass}`);
  if (Math.min(o.width, o.height) < 8) throw new RangeError(`shapes need at least 8×8 pixels, got ${o.width}×${o.height}`);
  const size = o.width * o.height * o.channels;
  const count = o.perClass * shapeClasses.length;
  const pixels = new Uint8Array(count * size);
  const labels = new Int32Array(count);
  const names: string[] = [];
  shapeClasses.forEach((kind, c) => {
    for (let i = 0; i < o.perClass; i++) {
      const k = c * o.perClass + i;
      const shape = randomShape(kind, o.width, o.height, createRng(imageSeed(o.seed, c, i)));
      pixels.set(rasterise(shape, o), k * size);
      labels[k] = c;
      names.push(`${kind}/${String(i).padStart(4, '0')}.png`);
    }
  });
  return { source: 'shapes', width: o.width, height: o.height, channels: o.channels, classes: [...shapeClasses], labels, pixels, names, skipped: [], warnings: [] };
}

/** Random parameters for one shape that fits wholly inside a width × height image. */
export function randomShape(kind: ShapeClass, width: number, height: number, rng: Rng): Shape {
  const side = Math.min(width, height);
  const r = side * (0.14 + 0.12 * rng());
  const reach = kind === 'circle' ? r : kind === 'square' ? r * squareHalfSide * Math.SQRT2 : r * triangleRadius;
  const margin = Math.min(reach + 0.5, side / 2);
  const [fg, bg] = contrastingColours(rng);
  return {
    kind,
    cx: margin + (width - 2 * margin) * rng(),
    cy: margin + (height - 2 * margin) * rng(),
    r,
    rotation: 2 * Math.PI * rng(),
    fg,
    bg,
    gradient: { angle: 2 * Math.PI * rng(), amount: 40 * rng() },
  };
}

/** Vertices (x, y) of a square or triangle; the circle has none. */
export function shapeVertices(shape: Pick<Shape, 'kind' | 'cx' | 'cy' | 'r' | 'rotation'>): [number, number][] {
  if (shape.kind === 'circle') return [];
  const sides = shape.kind === 'square' ? 4 : 3;
  const radius = shape.kind === 'square' ? shape.r * squareHalfSide * Math.SQRT2 : shape.r * triangleRadius;
  // A square at rotation 0 has axis-aligned sides; a triangle at 0 points up.
  const start = shape.kind === 'square' ? Math.PI / 4 : -Math.PI / 2;
  return Array.from({ length: sides }, (_, k) => {
    const a = start + shape.rotation + (2 * Math.PI * k) / sides;
    return [shape.cx + radius * Math.cos(a), shape.cy + radius * Math.sin(a)] as [number, number];
  });
}

function contrastingColours(rng: Rng): [Rgb, Rgb] {
  const colour = (): Rgb => [rng() * 255, rng() * 255, rng() * 255];
  const bg = colour();
  for (;;) {
    const fg = colour();
    if (Math.abs(luma(fg) - luma(bg)) >= minContrast) return [fg, bg];
  }
}

/** Mixes seed, class and index into one 32-bit seed. */
function imageSeed(seed: number, c: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(c + 1, 0xc2b2ae35) ^ Math.imul(i + 1, 0x27d4eb2f)) >>> 0;
}

/**
 * Renders one shape into HWC bytes with `supersample`² samples per pixel, so edges get partial
 * coverage (anti-aliasing) instead of stair steps. Greyscale uses Rec. 601 luma.
 *
 * rasterise({ kind: 'circle', cx: 8, cy: 8, r: 4, … }, { width: 16, height: 16, channels: 1, supersample: 4 }) // → 256 bytes
 */
export function rasterise(shape: Shape, o: Pick<ShapesOptions, 'width' | 'height' | 'channels' | 'supersample'>): Uint8Array {
  const { width, height, channels } = o;
  const s = Math.max(1, Math.round(o.supersample));
  const inside = insideTest(shape);
  const reach = shape.r * triangleRadius + 1; // the largest of the three shapes' extents
  const out = new Uint8Array(width * height * channels);
  const gx = Math.cos(shape.gradient.angle) / width;
  const gy = Math.sin(shape.gradient.angle) / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let hits = 0;
      if (Math.abs(x + 0.5 - shape.cx) <= reach && Math.abs(y + 0.5 - shape.cy) <= reach) {
        for (let j = 0; j < s; j++) for (let i = 0; i < s; i++) if (inside(x + (i + 0.5) / s, y + (j + 0.5) / s)) hits++;
      }
      const cover = hits / (s * s);
      const shade = shape.gradient.amount * ((x + 0.5 - width / 2) * gx + (y + 0.5 - height / 2) * gy);
      const rgb = shape.bg.map((v, k) => (v + shade) * (1 - cover) + shape.fg[k] * cover) as Rgb;
      const at = (y * width + x) * channels;
      if (channels === 1) out[at] = clampByte(luma(rgb));
      else for (let k = 0; k < 3; k++) out[at + k] = clampByte(rgb[k]);
    }
  }
  return out;
}

/** Rec. 601 luma of a colour, 0–255. */
export function luma([r, g, b]: Rgb): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

function insideTest(shape: Shape): (x: number, y: number) => boolean {
  if (shape.kind === 'circle') {
    const r2 = shape.r * shape.r;
    return (x, y) => (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= r2;
  }
  // Vertices go round in one direction, so inside means on the same side of every edge.
  const v = shapeVertices(shape);
  return (x, y) => {
    for (let k = 0; k < v.length; k++) {
      const [ax, ay] = v[k];
      const [bx, by] = v[(k + 1) % v.length];
      if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) < 0) return false;
    }
    return true;
  };
}

function clampByte(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}
