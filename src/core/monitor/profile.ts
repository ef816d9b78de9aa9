import type { Column } from '../collect/table.ts';
import type { FeatureStatistics, NumericBucket } from './protocol.ts';

/** One column's statistics.json entry, and for numbers the sorted sample KS and PSI compare with. */
export interface Profile {
  statistics: FeatureStatistics;
  sample: number[] | null;
}

/** Buckets of a numeric distribution in statistics.json, as Model Monitor's default KLL summary shows them. */
export const KLL_BUCKETS = 10;

/** Up to this many evenly spaced order statistics are kept per numeric feature (see Baseline.samples). */
export const SAMPLE_SIZE = 1000;

/**
 * The statistics of `rows` of a table column: numeric columns get mean, sum, std_dev, min, max and
 * ten equal-width buckets; text columns get distinct_count and a count per value.
 *
 * columnProfile({ name: 'x', type: 'numeric', values: Float64Array.of(1, 2, NaN) }, [0, 1, 2]).statistics.numerical_statistics.common
 * // → { num_present: 2, num_missing: 1 }
 */
export function columnProfile(column: Column, rows: readonly number[]): Profile {
  if (column.type === 'numeric') return valuesProfile(column.name, rows.map((r) => column.values[r]));
  return textProfile(
    column.name,
    rows.map((r) => (column.codes[r] < 0 ? null : column.categories[column.codes[r]])),
  );
}

/** The profile of numbers; NaN counts as missing. */
export function valuesProfile(name: string, values: readonly number[]): Profile {
  const present = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = present.length;
  const sum = present.reduce((s, v) => s + v, 0);
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 0 ? present.reduce((s, v) => s + (v - mean) ** 2, 0) / n : 0;
  const min = n > 0 ? present[0] : 0;
  const max = n > 0 ? present[n - 1] : 0;
  return {
    statistics: {
      name,
      inferred_type: present.every(Number.isInteger) ? 'Integral' : 'Fractional',
      numerical_statistics: {
        common: { num_present: n, num_missing: values.length - n },
        mean,
        sum,
        std_dev: Math.sqrt(variance),
        min,
        max,
        distribution: { kll: { buckets: equalWidthBuckets(present, min, max) } },
      },
    },
    sample: orderStatistics(present, SAMPLE_SIZE),
  };
}

/** The profile of text values; null counts as missing. Buckets are in order of first appearance. */
export function textProfile(name: string, values: readonly (string | null)[]): Profile {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return {
    statistics: {
      name,
      inferred_type: 'String',
      string_statistics: {
        common: { num_present: values.length - missing, num_missing: missing },
        distinct_count: counts.size,
        distribution: { categorical: { buckets: [...counts].map(([value, count]) => ({ value, count })) } },
      },
    },
    sample: null,
  };
}

/** Ten [lower, upper) buckets from min to max, the last one closed; one bucket when every value is equal. */
function equalWidthBuckets(sorted: readonly number[], min: number, max: number): NumericBucket[] {
  if (sorted.length === 0) return [];
  if (min === max) return [{ lower_bound: min, upper_bound: max, count: sorted.length }];
  const width = (max - min) / KLL_BUCKETS;
  const buckets = Array.from({ length: KLL_BUCKETS }, (_, i) => ({
    lower_bound: min + i * width,
    upper_bound: i === KLL_BUCKETS - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const v of sorted) buckets[Math.min(KLL_BUCKETS - 1, Math.floor((v - min) / width))].count++;
  return buckets;
}

/**
 * At most `size` evenly spaced order statistics of an ascending array (all of it when shorter), so
 * the sample's empirical CDF is within 1/size of the full one.
 *
 * orderStatistics([1, 2, 3, 4, 5], 3) // → [1, 3, 5]
 */
export function orderStatistics(sorted: readonly number[], size: number): number[] {
  const n = sorted.length;
  if (n <= size) return [...sorted];
  return Array.from({ length: size }, (_, k) => sorted[Math.round((k * (n - 1)) / (size - 1))]);
}
