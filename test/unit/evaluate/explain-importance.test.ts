import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '../../../src/core/collect/table.ts';
import type { ImportanceProgress } from '../../../src/core/evaluate/explain-protocol.ts';
import { createRng } from '../../../src/core/split/random.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { planRun } from '../../../src/core/train/plan.ts';
import { permutationImportance, type ImportanceInput } from '../../../workers/evaluate/importance.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn, type TrainedTable } from '../../../workers/train/pipeline.ts';

// Real TF.js on the CPU: a 240-row table whose label is the sign of `signal`; `noise` and
// the categorical `colour` carry nothing. A small MLP learns it in a few dozen epochs.

function table(): Table {
  const rng = createRng(7);
  const n = 240;
  const signal = Float64Array.from({ length: n }, () => rng() * 2 - 1);
  const noise = Float64Array.from({ length: n }, () => rng() * 2 - 1);
  const colour = Int32Array.from({ length: n }, () => Math.floor(rng() * 3));
  const label = Int32Array.from(signal, (s) => (s > 0 ? 1 : 0));
  return {
    source: 'sign.csv',
    rowCount: n,
    warnings: [],
    columns: [
      { name: 'noise', type: 'numeric', values: noise },
      { name: 'signal', type: 'numeric', values: signal },
      { name: 'colour', type: 'categorical', categories: ['red', 'green', 'blue'], codes: colour },
      { name: 'label', type: 'categorical', categories: ['neg', 'pos'], codes: label },
    ],
  };
}

const parsed = validateSpec({ version: 1, backend: 'cpu', data: { source: 'sign.csv', label: 'label' }, train: { epochs: 40, learningRate: 0.05 } });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const spec = parsed.spec;
const data = table();
let run: TrainedTable;
let input: ImportanceInput;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  run = (await trainOn(spec, data)) as TrainedTable;
  const plan = planRun(spec, data);
  input = { model: run.model, kept: plan.kept, origin: plan.origin, prepare: run.prepare, pre: run.pre, rows: plan.split.validation, columns: ['noise', 'signal', 'colour'] };
});

afterAll(() => disposeModel(run.model));

describe('permutationImportance on the validation split', () => {
  it('ranks the column that decides the label first and puts pure noise near 0, leaking no tensor', async () => {
    const before = tf.memory().numTensors;
    const events: ImportanceProgress[] = [];
    const out = await permutationImportance(input, { metric: 'accuracy', repeats: 5, seed: 42 }, { onProgress: (e) => events.push(e) });
    expect(tf.memory().numTensors).toBe(before);

    expect(out.rows).toBe(input.rows.length);
    expect(out.baseline).toBeGreaterThanOrEqual(0.9);
    expect(out.columns.map((c) => c.name)[0]).toBe('signal');
    const [signal, ...rest] = out.columns;
    // Shuffling the sign of the label leaves a coin toss: accuracy falls by about 0.4.
    expect(signal.mean).toBeGreaterThan(0.25);
    expect(signal.drops).toHaveLength(5);
    for (const c of rest) expect(Math.abs(c.mean)).toBeLessThan(0.08);
    expect(events.at(-1)).toMatchObject({ done: 15, total: 15 });
    expect(out.stopped).toBe(false);
  });

  it('is reproducible from its seed; std is the sample spread of the repeats', async () => {
    const a = await permutationImportance(input, { metric: 'accuracy', repeats: 2, seed: 3 });
    const b = await permutationImportance(input, { metric: 'accuracy', repeats: 2, seed: 3 });
    expect(b.columns).toEqual(a.columns);
    expect(a.columns[0].std).toBeCloseTo(Math.abs(a.columns[0].drops[0] - a.columns[0].drops[1]) / Math.SQRT2, 9);
  });

  it('stops between shuffles when asked, keeping the columns finished so far', async () => {
    let calls = 0;
    const out = await permutationImportance(input, { metric: 'accuracy', repeats: 2, seed: 1 }, { shouldStop: () => ++calls > 3 });
    expect(out.stopped).toBe(true);
    expect(out.columns.map((c) => c.name)).toEqual(['noise']);
  });
});
