import { KilnError } from '../errors.ts';
import type { TrainSpec } from '../spec/schema.ts';

/**
 * One weight per class for the loss, in `classes` order, or null for none. `balanced` gives class c
 * n / (k · count_c) from the training rows' class counts (an absent class gets 1); a map gives the
 * named classes their weight and the rest 1. A name that is not a class is an error naming it.
 *
 * classWeightsFor('balanced', ['a', 'b'], [3, 1]) // → [0.6667, 2]
 */
export function classWeightsFor(spec: TrainSpec['classWeights'], classes: readonly string[], counts: readonly number[]): number[] | null {
  if (spec === undefined) return null;
  if (spec === 'balanced') {
    const n = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => (c > 0 ? n / (classes.length * c) : 1));
  }
  const unknown = Object.keys(spec).filter((name) => !classes.includes(name));
  if (unknown.length > 0) {
    throw new KilnError(
      `names ${unknown.map((u) => `'${u}'`).join(', ')}, which ${unknown.length === 1 ? 'is not a class' : 'are not classes'} of the label; the classes are ${classes.map((c) => `'${c}'`).join(', ')}`,
      { path: 'train.classWeights' },
    );
  }
  return classes.map((c) => spec[c] ?? 1);
}
