/** Mean of non-empty `values`. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const m = sum / values.length;
  if (Number.isFinite(m)) return m;
  // The sum overflowed (values near 1e308): a running mean never leaves the values' range.
  let running = 0;
  for (let i = 0; i < values.length; i++) running += (values[i] - running) / (i + 1);
  return running;
}

/** Population standard deviation of non-empty `values`. */
export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - m) ** 2;
  return Math.sqrt(squares / values.length);
}

/**
 * The p-quantile of non-empty ascending `sorted`, interpolating linearly between neighbours
 * (numpy's default, "type 7"), so quantile([1, 2, 3, 4], 0.5) = 2.5.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  if (h === lo) return sorted[lo];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** The most frequent value; ties go to the first in `order` so the result is reproducible. */
export function mostFrequent<T>(values: Iterable<T>, order: (a: T, b: T) => number): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && order(v, best as T) < 0)) [best, bestCount] = [v, n];
  }
  return best;
}

/** Counts of each value, most frequent first, ties in code-unit order of the text. */
export function rankByCount(values: Iterable<string>): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || compareText(a.value, b.value));
}

/** Code-unit order: the same in every browser and locale, so fitted steps are reproducible. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric order when every text is a number ('9' before '10'), else code-unit order. */
export function naturalOrder(texts: readonly string[], parse: (s: string) => number | null): (a: string, b: string) => number {
  return texts.every((t) => parse(t) !== null) ? (a, b) => parse(a)! - parse(b)! : compareText;
}
