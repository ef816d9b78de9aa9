import type { Direction, HyperValue, ParamRange, SearchSpace } from './schema.ts';
import type { TrialRow } from './protocol.ts';

/**
 * The best objective up to each trial (null until one has an objective), for the objective chart.
 *
 * bestSoFar([{ objective: 0.5 }, { objective: null }, { objective: 0.7 }], 'maximize') // → [0.5, 0.5, 0.7]
 */
export function bestSoFar(rows: readonly Pick<TrialRow, 'objective'>[], direction: Direction): (number | null)[] {
  let best: number | null = null;
  return rows.map(({ objective: o }) => {
    if (o !== null && (best === null || (direction === 'maximize' ? o > best : o < best))) best = o;
    return best;
  });
}

/** A hyperparameter value as a short label: 0.00312 → "0.00312", [32, 16] → "32, 16". */
export function formatValue(value: HyperValue | undefined): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'number' ? String(+value.toPrecision(3)) : value;
}

/**
 * Reads a categorical range's values as typed: numbers or words separated by commas, or lists in
 * brackets for layer sizes. Null when the text cannot be read.
 *
 * parseValues('16, 32, 64') // → [16, 32, 64]
 * parseValues('[16], [32, 16]') // → [[16], [32, 16]]
 */
export function parseValues(text: string): HyperValue[] | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (trimmed.includes('[')) {
    try {
      const parsed: unknown = JSON.parse(`[${trimmed}]`);
      const ok = Array.isArray(parsed) && parsed.every((v) => Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n) && n > 0));
      return ok ? (parsed as number[][]) : null;
    } catch {
      return null;
    }
  }
  const parts = trimmed.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) return null;
  return parts.map((p) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p) ? Number(p) : p));
}

/** The text `parseValues` reads back into the same values. */
export function formatValues(values: readonly HyperValue[]): string {
  return values.map((v) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v))).join(', ');
}

/**
 * Where a value sits on its axis, 0 (bottom) to 1 (top): numeric ranges on their scale, categorical
 * values evenly spaced in the order listed. Null for a value the range does not hold.
 *
 * axisPosition({ type: 'continuous', min: 1e-4, max: 1e-2, scale: 'log' }, 1e-3) // → 0.5
 */
export function axisPosition(range: ParamRange, value: HyperValue): number | null {
  if (range.type === 'categorical') {
    const key = JSON.stringify(value);
    const i = range.values.findIndex((v) => JSON.stringify(v) === key);
    if (i < 0) return null;
    return range.values.length === 1 ? 0.5 : i / (range.values.length - 1);
  }
  if (typeof value !== 'number') return null;
  const f = range.scale === 'log' ? Math.log : (x: number) => x;
  return Math.min(1, Math.max(0, (f(value) - f(range.min)) / (f(range.max) - f(range.min))));
}

/** The objective's axis: its observed extent, padded when every trial scored the same. */
export function objectiveExtent(rows: readonly Pick<TrialRow, 'objective'>[]): [number, number] | null {
  const values = rows.map((r) => r.objective).filter((o): o is number => o !== null);
  if (values.length === 0) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? [lo - 0.5 * (Math.abs(lo) || 1), hi + 0.5 * (Math.abs(hi) || 1)] : [lo, hi];
}

/** The last segment of a path, for narrow columns: 'train.learningRate' → 'learningRate'. */
export function shortName(path: string): string {
  return path.split('.').at(-1) ?? path;
}

/** The paths shown in the space editor: the default space's, then any other the spec names. */
export function editablePaths(defaults: SearchSpace, space: SearchSpace | undefined): string[] {
  return [...new Set([...Object.keys(defaults), ...Object.keys(space ?? {})])];
}
