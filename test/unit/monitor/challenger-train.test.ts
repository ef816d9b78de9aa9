import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { appendRows, challengerSplit } from '../../../src/core/monitor/challenger-data.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';
import { championSplit } from '../../../workers/monitor/champion.ts';

// Real TF.js on the CPU backend: the champion and a challenger on a 120-row table, a few epochs each.

function table(n: number, seed: number, source: string) {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['x,colour,y'];
  for (let i = 0; i < n; i++) {
    const x = r() * 4 - 2;
    lines.push(`${x.toFixed(3)},${['red', 'blue'][i % 2]},${x > 0 ? 'yes' : 'no'}`);
  }
  return parseCsv(lines.join('\n'), source);
}

const result = validateSpec({ version: 1, backend: 'cpu', data: { source: 'x.csv', label: 'y' }, train: { epochs: 4 } });
if (!result.ok) throw new Error(JSON.stringify(result.issues));
const spec = result.spec;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('a challenger trained with a fixed split', () => {
  it('is tested on exactly the champion test rows, and trains on its rows plus the batch', async () => {
    const data = table(120, 7, 'train.csv');
    const champion = await trainOn(spec, data);
    const split = championSplit(champion, data);
    // The replanned split is the one the champion was scored on.
    expect([...split.test].sort((a, b) => a - b)).toEqual([...champion.result.predictions.rows].sort((a, b) => a - b));
    expect(split.train.length).toBe(champion.result.split.train);

    const batch = table(40, 99, 'batch.csv');
    const combined = appendRows(data, batch);
    const added = Array.from({ length: 40 }, (_, i) => 120 + i);
    const fixed = challengerSplit(split, added, 'combine', spec.split, spec.seed);
    const challenger = await trainOn(spec, combined, { split: fixed });
    expect(challenger.result.split).toEqual({ train: fixed.train.length, validation: fixed.validation.length, test: split.test.length });
    expect([...challenger.result.predictions.rows].sort((a, b) => a - b)).toEqual([...split.test].sort((a, b) => a - b));
    expect(challenger.result.crossValidation).toBeUndefined();

    const replaced = await trainOn(spec, combined, { split: challengerSplit(split, added, 'replace', spec.split, spec.seed) });
    expect(replaced.result.split.train + replaced.result.split.validation).toBe(40);
    expect(replaced.result.split.test).toBe(split.test.length);
    for (const m of [champion, challenger, replaced]) disposeModel(m.model);
  }, 60_000);
});
