import { KilnError } from '../errors.ts';
import type { Rng } from '../split/random.ts';
import type { HyperValue, ParamRange, Point, SearchSpace } from './schema.ts';

/**
 * Number of coordinates a point takes in the unit cube: one per numeric range, one per value
 * of a categorical (one-hot, so no false order is imposed on e.g. optimizers).
 *
 * encodedDimension({ lr: { type: 'continuous', min: 0, max: 1, scale: 'linear' }, opt: { type: 'categorical', values: ['adam', 'sgd'] } }) // → 3
 */
export function encodedDimension(space: SearchSpace): number {
  return Object.values(space).reduce((d, r) => d + (r.type === 'categorical' ? r.values.length : 1), 0);
}

/**
 * Draws one point: uniform on each range's scale, uniform over a categorical's values.
 *
 * samplePoint({ 'train.learningRate': { type: 'continuous', min: 1e-4, max: 0.1, scale: 'log' } }, createRng(1))
 * // → { 'train.learningRate': 0.0031… }
 */
export function samplePoint(space: SearchSpace, rng: Rng): Point {
  const point: Point = {};
  for (const [path, range] of Object.entries(space)) {
    point[path] = range.type === 'categorical' ? range.values[Math.floor(rng() * range.values.length)] : fromUnit(range, rng());
  }
  return point;
}

/**
 * Maps a point into [0, 1]^d (log scale applied, categoricals one-hot), in the space's key order.
 *
 * encodePoint({ lr: { type: 'continuous', min: 1e-4, max: 1e-2, scale: 'log' } }, { lr: 1e-3 }) // → [0.5]
 */
export function encodePoint(space: SearchSpace, point: Point): number[] {
  const out: number[] = [];
  for (const [path, range] of Object.entries(space)) {
    const value = point[path];
    if (value === undefined) throw new KilnError('has no value in this point', { path: `tuning.space.${path}` });
    if (range.type === 'categorical') {
      const index = range.values.findIndex((v) => sameValue(v, value));
      if (index < 0) throw new KilnError(`has no value ${JSON.stringify(value)} among its values`, { path: `tuning.space.${path}` });
      range.values.forEach((_, i) => out.push(i === index ? 1 : 0));
    } else {
      if (typeof value !== 'number') throw new KilnError(`must be a number, got ${JSON.stringify(value)}`, { path: `tuning.space.${path}` });
      out.push(toUnit(range, value));
    }
  }
  return out;
}

/**
 * Maps a unit-cube vector back to a point: clamps, rounds integers, takes the largest one-hot entry.
 *
 * decodePoint({ lr: { type: 'continuous', min: 1e-4, max: 1e-2, scale: 'log' } }, [0.5]) // → { lr: 0.001 }
 */
export function decodePoint(space: SearchSpace, vector: readonly number[]): Point {
  const point: Point = {};
  let at = 0;
  for (const [path, range] of Object.entries(space)) {
    if (range.type === 'categorical') {
      let best = 0;
      for (let i = 1; i < range.values.length; i++) if (vector[at + i] > vector[at + best]) best = i;
      point[path] = range.values[best];
      at += range.values.length;
    } else {
      point[path] = fromUnit(range, vector[at++]);
    }
  }
  return point;
}

/**
 * A point near `point`: numeric coordinates moved by Gaussian noise of `spread` in the unit
 * cube, each categorical redrawn with probability `spread`. Used to search around the incumbent.
 */
export function perturbPoint(space: SearchSpace, point: Point, rng: Rng, spread: number): Point {
  const out: Point = { ...point };
  for (const [path, range] of Object.entries(space)) {
    if (range.type === 'categorical') {
      if (rng() < spread) out[path] = range.values[Math.floor(rng() * range.values.length)];
    } else {
      out[path] = fromUnit(range, toUnit(range, point[path] as number) + spread * gaussian(rng));
    }
  }
  return out;
}

type NumericRange = Exclude<ParamRange, { type: 'categorical' }>;

/** The interval a numeric range spans on its own scale; integers get ±0.5 so each has an equal share. */
function bounds(range: NumericRange): [number, number] {
  const pad = range.type === 'integer' ? 0.5 : 0;
  const lo = range.min - pad;
  const hi = range.max + pad;
  // An integer range with min = 1 pads to 0.5, still > 0, so the log is defined.
  return range.scale === 'log' ? [Math.log(lo), Math.log(hi)] : [lo, hi];
}

function toUnit(range: NumericRange, value: number): number {
  const [lo, hi] = bounds(range);
  const v = range.scale === 'log' ? Math.log(value) : value;
  return (v - lo) / (hi - lo);
}

function fromUnit(range: NumericRange, u: number): number {
  const [lo, hi] = bounds(range);
  const t = lo + Math.min(1, Math.max(0, u)) * (hi - lo);
  const v = range.scale === 'log' ? Math.exp(t) : t;
  if (range.type === 'integer') return Math.min(range.max, Math.max(range.min, Math.round(v)));
  // 12 significant digits: exp(log(0.001)) prints as 0.001 in trial lists, not 0.0010000000000000002.
  return Math.min(range.max, Math.max(range.min, Number(v.toPrecision(12))));
}

/** Equality of hyperparameter values, including lists such as [32, 16]. */
export function sameValue(a: HyperValue, b: HyperValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

/** A standard normal draw (Box–Muller); 1 − u keeps the log finite. */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
