import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../../../src/core/collect/table.ts';
import { featureNames } from '../../../../../src/core/prepare/preprocess.ts';
import { categoricalColumn } from '../../../../../src/core/prepare/steps/columns.ts';
import type { PrepareStepInput } from '../../../../../src/core/prepare/steps/schema.ts';
import { bothFeatures, fitDoc, maxRelativeError } from './helpers.ts';

// Eighths are exact in float32, so the raw input says exactly what the table holds.
const eighth = (lo: number, hi: number) => fc.integer({ min: lo * 8, max: hi * 8 }).map((v) => v / 8);
const number = fc.oneof({ weight: 5, arbitrary: eighth(-50, 50) }, { weight: 1, arbitrary: fc.constant(NaN) });
// 'other' is a real category here, to meet onehot's bucket of the same name.
const category = fc.constantFrom('x', 'y', 'z', 'w', 'other', 'v', null);

/**
 * Random tables of numeric a, b, c, positive p and categorical k..k4. Rows 1, 2, 4, 5, … train;
 * rows 0, 3, 6, … are held out, where values unseen in training and p ≤ 0 (outside log's domain) occur.
 */
const tables = fc.integer({ min: 8, max: 30 }).chain((n) => {
  const numbers = fc.array(number, { minLength: n, maxLength: n });
  const texts = fc.array(category, { minLength: n, maxLength: n });
  const p = fc.array(eighth(-4, 40), { minLength: n, maxLength: n });
  return fc.record({ a: numbers, b: numbers, c: numbers, p, k: texts, k2: texts, k3: texts, k4: texts });
});
const train = (n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);

function tableOf(t: Record<'a' | 'b' | 'c' | 'p', number[]> & Record<'k' | 'k2' | 'k3' | 'k4', (string | null)[]>): Table {
  const n = t.a.length;
  // Row 1 trains and is in every function's domain, so every step has a training value to fit on.
  const numeric = (xs: number[], first: number) => Float64Array.from(xs, (v, i) => (i === 1 ? first : v));
  const text = (xs: (string | null)[]) => categoricalColumn('', xs.map((v, i) => (i === 1 ? (v ?? 'x') : v)));
  const positive = Float64Array.from(t.p, (v, i) => (i % 3 === 0 ? v : Math.abs(v) + 0.125));
  const columns = (['k', 'k2', 'k3', 'k4'] as const).map((name) => ({ ...text(t[name]), name }));
  return {
    source: 'random.csv',
    rowCount: n,
    warnings: [],
    columns: [
      { name: 'a', type: 'numeric', values: numeric(t.a, 2) },
      { name: 'b', type: 'numeric', values: numeric(t.b, 1) },
      { name: 'c', type: 'numeric', values: numeric(t.c, 0) },
      { name: 'p', type: 'numeric', values: positive },
      ...columns,
      categoricalColumn('y', Array.from({ length: n }, (_, i) => (i % 2 ? 'A' : 'B'))),
    ],
  };
}

const numericChain = (method: 'zscore' | 'minmax' | 'robust', strategy: 'quantile' | 'uniform'): PrepareStepInput[] => [
  { op: 'derive', name: 'd', expression: 'a * b - c / 3 + if(a > b, 1, 0)' },
  { op: 'derive', name: 'e', expression: 'round(a / 3) + floor(b / 2) - ceil(c / 5) + abs(a) % 4 + max(a, b, 1) - min(c, 2) + clip(a, -1, 1) + (b != c) + (a <= 2) * 3' },
  { op: 'derive', name: 'f', expression: 'exp(b / 4) + sqrt(c) + log(a) + log1p(b / 1000)' },
  { op: 'derive', name: 'h', expression: '2 ^ (c / 20) + (-c) ^ 0.5 + a / (b - c) + if(c == 0, 1, 1 / c) - a ^ 2 + 1 ^ (a - a)' },
  { op: 'derive', name: 'g', expression: '3 * 2 - 1' },
  // One operation each, so a missing input's NaN is not hidden by another term's.
  ...['1 ^ a', 'b ^ 0', 'a > b', 'a != b', 'a == 1', 'if(a > 1, 5, b)', 'max(a, 1)', 'min(1, b)', 'clip(a, b, 1)', 'round(b / 4)', 'a % (b - 2)', '-a % 3'].map(
    (expression, i): PrepareStepInput => ({ op: 'derive', name: `n${i}`, expression }),
  ),
  { op: 'transform', column: 'c', fn: 'power', power: 0, as: 'c0' },
  { op: 'transform', column: 'p', fn: 'log', as: 'plog' },
  { op: 'transform', column: 'p', fn: 'log1p', as: 'plog1p' },
  { op: 'transform', column: 'p', fn: 'sqrt', as: 'psqrt' },
  { op: 'transform', column: 'c', fn: 'power', power: 2, as: 'c2' },
  { op: 'transform', column: 'p', fn: 'power', power: -0.5 },
  { op: 'impute', indicator: true },
  { op: 'clip', lower: 0.1, upper: 0.9 },
  { op: 'bin', column: 'a', bins: 3, strategy, as: 'a_bin' },
  { op: 'bin', column: 'b', bins: 4, strategy },
  { op: 'scale', method },
];

const categoricalChain: PrepareStepInput[] = [
  { op: 'impute', strategy: 'mostFrequent', columns: ['k'] },
  { op: 'impute', strategy: 'constant', value: 'none', columns: ['k2'], indicator: true },
  { op: 'ordinal', column: 'k3' },
  { op: 'derive', name: 'o', expression: 'k3 * 2 + a' },
  { op: 'onehot', columns: ['k'], maxCategories: 2 },
  { op: 'onehot', columns: ['k2'], minFrequency: 2 },
  { op: 'cast', column: 'k4', type: 'categorical' },
  { op: 'cast', column: 'a', type: 'numeric' },
  { op: 'drop', columns: ['c'] },
  { op: 'impute', strategy: 'mean' },
];

/** Fits `chain` on table `t` and checks the ONNX features against encodeFeatures on every row. */
async function agree(t: Parameters<typeof tableOf>[0], chain: PrepareStepInput[]): Promise<void> {
  const table = tableOf(t);
  const doc = fitDoc(table, 'y', chain, train(table.rowCount));
  const rows = Array.from({ length: table.rowCount }, (_, i) => i);
  const { onnx, kiln } = await bothFeatures(table, doc, rows);
  expect(onnx.length).toBe(rows.length * doc.preprocessor.width);
  expect(maxRelativeError(onnx, kiln)).toBeLessThanOrEqual(1e-5);
}

describe('the ONNX preparation graph equals applyFitted + encodeFeatures', () => {
  it('on numeric chains: derive, transform, impute with flags, clip, bin and each scale', async () => {
    const methods = fc.constantFrom('zscore' as const, 'minmax' as const, 'robust' as const);
    const strategies = fc.constantFrom('quantile' as const, 'uniform' as const);
    await fc.assert(fc.asyncProperty(tables, methods, strategies, (t, m, s) => agree(t, numericChain(m, s))), { numRuns: 12 });
  });

  it('on categorical chains: fills, a new fill category, ordinal, onehot with other, casts that change nothing, drop', async () => {
    await fc.assert(fc.asyncProperty(tables, (t) => agree(t, categoricalChain)), { numRuns: 12 });
  });

  it('encodes one hand-checked table: unseen (-1) goes to other, missing sets no slot, then takes the fill', async () => {
    // Train rows 1, 2, 4, 5: k = x, x, y, other. Row 0 holds an unseen 'v', row 3 a missing k.
    const t = { a: [1, 2, 3, 4, 5, 6], b: [1, 2, 3, 4, 5, 6], c: [1, 2, 3, 4, 5, 6], p: [1, 2, 3, 4, 5, 6] };
    const k = ['v', 'x', 'x', null, 'y', 'other'];
    const table = tableOf({ ...t, k, k2: k, k3: k, k4: k });
    const doc = fitDoc(table, 'y', [{ op: 'onehot', columns: ['k'], maxCategories: 2 }, { op: 'drop', columns: ['a', 'b', 'c', 'p', 'k3', 'k4'] }], train(6));
    const { onnx, kiln } = await bothFeatures(table, doc, [0, 3]);
    const names = featureNames(doc.preprocessor);
    // The onehot step's 0/1 columns are numeric features, standardised by the preprocessor: undo that.
    const at = (row: number, name: string) => {
      const v = onnx[row * names.length + names.indexOf(name)];
      const f = doc.preprocessor.features.find((e) => e.name === name);
      return f?.kind === 'numeric' ? Math.round(v * f.std + f.mean) : v;
    };
    // onehot keeps x and other (ties broken by name: 'other' < 'y'); 'other' is also the bucket.
    expect(doc.prepare[0]).toEqual({ op: 'onehot', columns: { k: ['x', 'other'] } });
    expect([at(0, 'k=x'), at(0, 'k=other'), at(1, 'k=x'), at(1, 'k=other')]).toEqual([0, 1, 0, 0]);
    // k2 goes to the preprocessor as is: 'v' is unseen (all 0), missing takes the fill 'x'.
    expect([at(0, 'k2=x'), at(0, 'k2=y'), at(0, 'k2=other'), at(1, 'k2=x')]).toEqual([0, 0, 0, 1]);
    expect(Array.from(onnx)).toEqual(Array.from(kiln));
  });
});
