import * as tf from '@tensorflow/tfjs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictCsv, type BatchSink } from '../../../../workers/deploy/batch.ts';
import { loadPredictor, type Predictor } from '../../../../workers/deploy/predictor.ts';
import { penguinsHeader, trainFixture } from './train-fixture.ts';

/** Output rows kept in memory. */
class ArraySink implements BatchSink {
  header: readonly string[] = [];
  rows: (readonly string[])[] = [];
  async open(header: readonly string[]) {
    this.header = header;
  }
  async write(rows: readonly (readonly string[])[]) {
    for (const r of rows) this.rows.push(r);
  }
}

let predictor: Predictor;
beforeAll(async () => {
  predictor = await loadPredictor((await trainFixture()).files);
}, 60_000);
afterAll(() => predictor?.dispose());

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describe('predictCsv', () => {
  it('takes a chunk of 200,000 short rows at once (a browser File stream hands over 2 MB chunks)', async () => {
    const row = 'Adelie,Torgersen,39.1,18.7,181,3750,male';
    const text = `${penguinsHeader.join(',')}\n${Array.from({ length: 200_000 }, () => row).join('\n')}\n`;
    const sink = new ArraySink();
    const before = tf.memory().numTensors;
    const counts = await predictCsv(predictor, 'many.csv', once(text), sink, { batch: 50_000 });
    expect(counts).toEqual({ rows: 200_000, errors: 0, sampleErrors: [] });
    expect(sink.rows).toHaveLength(200_000);
    expect(new Set(sink.rows.map((r) => r.join(','))).size).toBe(1); // the same row, the same answer
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('numbers the sample errors by data row, and counts every error', async () => {
    const good = 'Adelie,Torgersen,39.1,18.7,181,3750,male';
    const lines = [good, 'Adelie,Torgersen,x,18.7,181,3750,male', good, 'Adelie,Dream', good];
    const sink = new ArraySink();
    const counts = await predictCsv(predictor, 'few.csv', once(`${penguinsHeader.join(',')}\n${lines.join('\n')}\n`), sink, { batch: 2 });
    expect(counts.rows).toBe(5);
    expect(counts.errors).toBe(2);
    expect(counts.sampleErrors).toEqual(["row 2: column 'bill_length_mm': 'x' is not a number", 'row 4: has 2 values but the header has 7']);
    const out = Papa.parse<string[]>(Papa.unparse(sink.rows as string[][])).data;
    expect(out.map((r) => r.at(-1))).toEqual(['', "column 'bill_length_mm': 'x' is not a number", '', 'has 2 values but the header has 7', '']);
  });
});
