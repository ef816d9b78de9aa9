import { KilnError } from '../errors.ts';
import type { HyperValue, ParamRange, Point, SearchSpace } from './schema.ts';

/**
 * The values grid search tries for one range: a categorical's values, every integer, or `count`
 * values evenly spaced on a continuous range's scale (geometric for log), ends included exactly.
 *
 * gridValues({ type: 'continuous', min: 1e-4, max: 1e-1, scale: 'log', count: 4 }, 'lr') // → [0.0001, 0.001, 0.01, 0.1]
 */
export function gridValues(range: ParamRange, path: string): HyperValue[] {
  if (range.type === 'categorical') return range.values;
  if (range.type === 'integer') return Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
  const { min, max, count, scale } = range;
  if (count === undefined) {
    throw new KilnError('is required by the grid strategy for a continuous range: add e.g. "count": 5 (values evenly spaced from min to max)', {
      path: `tuning.space.${path}.count`,
    });
  }
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return min;
    if (i === count - 1) return max;
    const t = i / (count - 1);
    // Rounded to 12 significant digits so 10^-3 prints as 0.001, not 0.0010000000000000002.
    const v = scale === 'log' ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
    return Number(v.toPrecision(12));
  });
}

/**
 * Number of points in the full grid (the product of each range's value count).
 *
 * gridSize({ a: { type: 'categorical', values: [1, 2] }, b: { type: 'integer', min: 1, max: 3, scale: 'linear' } }) // → 6
 */
export function gridSize(space: SearchSpace): number {
  return Object.entries(space).reduce((n, [path, range]) => n * gridValues(range, path).length, 1);
}

/**
 * The grid point at `index` of the Cartesian product, the last range varying fastest (like nested
 * loops in the space's order); computed on demand so a huge grid costs nothing up front.
 *
 * gridPoint({ a: { type: 'categorical', values: [1, 2] }, b: { type: 'categorical', values: ['x', 'y'] } }, 1) // → { a: 1, b: 'y' }
 */
export function gridPoint(space: SearchSpace, index: number): Point {
  const entries = Object.entries(space).map(([path, range]) => [path, gridValues(range, path)] as const);
  const point: Point = {};
  let rest = index;
  for (let i = entries.length - 1; i >= 0; i--) {
    const [path, values] = entries[i];
    point[path] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  // Rebuild in the space's key order so points print and encode consistently.
  return Object.fromEntries(entries.map(([path]) => [path, point[path]]));
}
