import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../../src/core/collect/table.ts';
import { categoricalColumn, rowRecord } from '../../../../src/core/prepare/steps/columns.ts';
import { applyFitted, applyFittedToRecord, fitSteps } from '../../../../src/core/prepare/steps/fit.ts';
import { steps, upTo } from './helpers.ts';

const number = fc.double({ min: -1000, max: 1000, noNaN: true });
const value = fc.oneof({ weight: 4, arbitrary: number }, { weight: 1, arbitrary: fc.constant(NaN) });
const category = fc.constantFrom('x', 'y', 'z', 'w', null);

/** A random table of numeric a, b, c and categorical k, with the first row complete so every fit has data. */
const tables = fc.integer({ min: 3, max: 25 }).chain((n) =>
  fc.record({
    a: fc.array(value, { minLength: n, maxLength: n }),
    b: fc.array(value, { minLength: n, maxLength: n }),
    c: fc.array(value, { minLength: n, maxLength: n }),
    k: fc.array(category, { minLength: n, maxLength: n }),
    train: fc.subarray(upTo(n)),
    method: fc.constantFrom('zscore' as const, 'minmax' as const, 'robust' as const),
  }),
);

function tableOf(t: { a: number[]; b: number[]; c: number[]; k: (string | null)[] }): Table {
  const first = (xs: number[]) => Float64Array.from(xs, (v, i) => (i === 0 && Number.isNaN(v) ? 1 : v));
  const k = categoricalColumn('k', t.k.map((v, i) => (i === 0 ? (v ?? 'x') : v)));
  return {
    source: 'random.csv',
    rowCount: t.a.length,
    warnings: [],
    columns: [
      { name: 'a', type: 'numeric', values: first(t.a) },
      { name: 'b', type: 'numeric', values: first(t.b) },
      { name: 'c', type: 'numeric', values: first(t.c) },
      k,
    ],
  };
}

const chain = (method: 'zscore' | 'minmax' | 'robust') =>
  steps(
    { op: 'impute', indicator: true },
    { op: 'derive', name: 'd', expression: 'a * b - c / 3 + if(a > b, 1, 0)' },
    { op: 'transform', column: 'c', fn: 'power', power: 2, as: 'c2' },
    { op: 'clip' },
    { op: 'bin', column: 'a', bins: 3, as: 'a_bin' },
    { op: 'impute', strategy: 'mostFrequent', columns: ['k'] },
    { op: 'onehot', maxCategories: 2 },
    { op: 'scale', method },
  );

describe('fitted steps on random numeric tables', () => {
  it('applyFittedToRecord equals applyFitted row by row, before and after a JSON round trip', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const table = tableOf(t);
        const fitted = fitSteps(table, chain(t.method), [0, ...t.train.filter((i) => i > 0)]);
        const out = applyFitted(table, fitted);
        const revived = applyFitted(table, JSON.parse(JSON.stringify(fitted)));
        for (const i of upTo(table.rowCount)) {
          const want = rowRecord(out, i);
          expect(applyFittedToRecord(fitted, rowRecord(table, i))).toEqual(want);
          expect(rowRecord(revived, i)).toEqual(want);
          for (const v of Object.values(want)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rows outside the training set never change the fitted parameters', () => {
    fc.assert(
      fc.property(tables, tables, (t, noise) => {
        const train = [0, ...t.train.filter((i) => i > 0)];
        const inTrain = new Set(train);
        // Swap every non-training cell for noise from another random table.
        const pick = <T>(xs: T[], ys: T[]) => xs.map((x, i) => (inTrain.has(i) ? x : (ys[i % ys.length] ?? x)));
        const changed = { a: pick(t.a, noise.a), b: pick(t.b, noise.b), c: pick(t.c, noise.c), k: pick(t.k, noise.k) };
        const fitted = fitSteps(tableOf(t), chain(t.method), train);
        expect(fitSteps(tableOf(changed), chain(t.method), train)).toEqual(fitted);
      }),
      { numRuns: 150 },
    );
  });
});
