import type { Column } from '../collect/table.ts';
import type { TaskKind } from '../spec/schema.ts';

// A numeric label with a handful of whole-number values (0/1, star ratings, digit classes) is almost
// always a class code, not a quantity; these limits decide what counts as "a handful".
const maxClasses = 20;

/** Guesses whether a label column calls for classification or regression. */
export function detectTask(column: Column): TaskKind {
  if (column.type === 'categorical') return 'classification';
  const distinct = new Set<number>();
  let present = 0;
  for (const v of column.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return 'regression';
    present++;
    distinct.add(v);
    if (distinct.size > maxClasses) return 'regression';
  }
  // Requiring each class to appear about twice on average keeps small integer-valued
  // measurements (e.g. ages in a 30-row file) from being mistaken for classes.
  return present > 0 && distinct.size <= present / 2 ? 'classification' : 'regression';
}
