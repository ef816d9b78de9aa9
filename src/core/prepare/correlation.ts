import { cellText, type Column, type Table } from '../collect/table.ts';
import { createRng, type Rng } from '../split/random.ts';
import { stepColumn } from './steps/columns.ts';
import { quantile } from './steps/stats.ts';
import { finiteSorted } from './histogram.ts';
import { detectTask } from './task.ts';

// How pairs of columns relate: a Pearson matrix of the numeric ones, and a sampled scatter of any two.

/** Pearson correlations of numeric columns; NaN where a column is constant or pairs are too few. */
export interface CorrelationMatrix {
  columns: string[];
  /** matrix[i][j] = r(columns[i], columns[j]), symmetric. */
  matrix: number[][];
  /** Numeric columns left out beyond `max`. */
  omitted: string[];
}

/**
 * Pearson's r over the rows where both values are present (pairwise complete); NaN when fewer
 * than two such rows remain or either side is constant there, since r is then undefined.
 *
 * pearson([1, 2, 3], [2, 4, 6]) // → 1
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  // Centred sums (two passes) keep precision on large offsets such as timestamps.
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    xy += dx * dy;
    xx += dx * dx;
    yy += dy * dy;
  }
  if (xx === 0 || yy === 0) return NaN;
  return Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy)));
}

/**
 * The correlation matrix of the first `max` numeric columns of `table`, in table order.
 *
 * correlationMatrix(iris).matrix[2][3] // → 0.963 (petal_length × petal_width)
 */
export function correlationMatrix(table: Table, max = 24): CorrelationMatrix {
  const numeric = table.columns.filter((c) => c.type === 'numeric');
  const used = numeric.slice(0, max);
  const matrix = used.map(() => new Array<number>(used.length).fill(NaN));
  used.forEach((a, i) => {
    for (let j = i; j < used.length; j++) matrix[i][j] = matrix[j][i] = pearson(a.values, used[j].values);
  });
  return { columns: used.map((c) => c.name), matrix, omitted: numeric.slice(max).map((c) => c.name) };
}

/** One axis of a scatter: categorical columns are drawn at their category index, jittered. */
export interface ScatterAxis {
  name: string;
  categories?: string[];
}

/** The points of one label class (or target quartile), as parallel x and y arrays. */
export interface ScatterSeries {
  name: string;
  x: number[];
  y: number[];
}

/** A seeded sample of rows with both values present, grouped by label; `total` counts all such rows. */
export interface ScatterData {
  x: ScatterAxis;
  y: ScatterAxis;
  series: ScatterSeries[];
  total: number;
  shown: number;
}

/**
 * Up to `limit` rows (seeded, so the picture is stable) with both `x` and `y` present, one
 * series per class of `label`, or per quartile when the label is a quantity.
 *
 * scatterSample(iris, 'petal_length', 'petal_width', 'species')
 * // → { series: [{ name: 'setosa', x: [1.4, …], y: [0.2, …] }, …], total: 150, shown: 150, … }
 */
export function scatterSample(table: Table, x: string, y: string, label?: string, limit = 2000, seed = 42): ScatterData {
  const cx = stepColumn(table, x);
  const cy = stepColumn(table, y);
  const rng = createRng(seed);
  const rows: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (cellText(cx, i) !== null && cellText(cy, i) !== null) rows.push(i);
  const picked = pick(rows, limit, rng);
  const groups = labelGroups(label === undefined ? undefined : stepColumn(table, label));
  const series = groups.names.map((name) => ({ name, x: [] as number[], y: [] as number[] }));
  for (const i of picked) {
    const s = series[groups.of(i)];
    s.x.push(coordinate(cx, i, rng));
    s.y.push(coordinate(cy, i, rng));
  }
  return { x: axis(cx), y: axis(cy), series: series.filter((s) => s.x.length > 0), total: rows.length, shown: picked.length };
}

/** `limit` of `rows` chosen uniformly (partial Fisher–Yates), returned in row order. */
function pick(rows: number[], limit: number, rng: Rng): number[] {
  if (rows.length <= limit) return rows;
  const out = [...rows];
  for (let k = 0; k < limit; k++) {
    const j = k + Math.floor(rng() * (out.length - k));
    [out[k], out[j]] = [out[j], out[k]];
  }
  return out.slice(0, limit).sort((a, b) => a - b);
}

function labelGroups(label: Column | undefined): { names: string[]; of: (i: number) => number } {
  if (!label) return { names: ['rows'], of: () => 0 };
  const missing = (names: string[]) => [...names, `${label.name} missing`];
  if (label.type === 'categorical') {
    const n = label.categories.length;
    return { names: missing(label.categories), of: (i) => (label.codes[i] < 0 ? n : label.codes[i]) };
  }
  const values = label.values;
  if (detectTask(label) === 'classification') {
    const classes = [...new Set(finiteSorted(values))];
    const index = new Map(classes.map((c, k) => [c, k]));
    return { names: missing(classes.map(String)), of: (i) => index.get(values[i]) ?? classes.length };
  }
  const sorted = finiteSorted(values);
  const cuts = [0.25, 0.5, 0.75].map((p) => quantile(sorted, p));
  const fmt = (v: number) => String(+v.toPrecision(3));
  const names = ['lowest quarter', 'second quarter', 'third quarter', 'highest quarter'].map(
    (q, k) => `${label.name} ${q} (${fmt(k === 0 ? sorted[0] : cuts[k - 1])}–${fmt(k === 3 ? sorted[sorted.length - 1] : cuts[k])})`,
  );
  return { names: missing(names), of: (i) => (Number.isNaN(values[i]) ? 4 : cuts.filter((c) => values[i] > c).length) };
}

function coordinate(column: Column, i: number, rng: Rng): number {
  // Jitter spreads a category's points across its slot so their number shows.
  return column.type === 'numeric' ? column.values[i] : column.codes[i] + (rng() - 0.5) * 0.6;
}

function axis(column: Column): ScatterAxis {
  return column.type === 'numeric' ? { name: column.name } : { name: column.name, categories: column.categories };
}
