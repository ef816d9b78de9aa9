import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/core/collect/csv.ts';
import type { TableModelDoc } from '../../../../src/core/deploy/model-doc.ts';
import { encodeChunk, encodeRecords } from '../../../../src/core/deploy/predict/encode-chunk.ts';
import { parseModelDoc } from '../../../../src/core/deploy/predict/model-doc-parse.ts';
import { encodeFeatures } from '../../../../src/core/prepare/preprocess.ts';
import type { PipelineSpec } from '../../../../src/core/spec/schema.ts';
import { planRun } from '../../../../src/core/train/plan.ts';
import { penguinsHeader, penguinsRows, penguinsText, trainFixture } from './train-fixture.ts';

let doc: TableModelDoc;
/** What training itself encodes for every row of the file (planRun refits the same steps, deterministically). */
let reference: Float32Array;

beforeAll(async () => {
  const { files } = await trainFixture();
  doc = parseModelDoc(files['preprocessing.json'], 'preprocessing.json') as TableModelDoc;
  const plan = planRun(doc.spec as PipelineSpec, parseCsv(penguinsText, 'penguins.csv'));
  expect(plan.origin).toEqual(penguinsRows.map((_, i) => i)); // no row steps: table rows are file rows
  reference = encodeFeatures(plan.pre, plan.table, plan.origin);
}, 30_000);

const width = () => doc.preprocessor.width;

describe('encodeChunk', () => {
  it('encodes every penguins row (missing cells, categories) exactly as training did', () => {
    const chunk = encodeChunk(doc, { columns: penguinsHeader, rows: penguinsRows });
    expect(chunk.errors.every((e) => e === null)).toBe(true);
    expect(chunk.encoded).toHaveLength(344);
    expect(chunk.features).toEqual(reference);
  });

  it('gives the same numbers whatever the chunking, column order, extra columns or absent label', () => {
    const order = ['sex', 'extra', 'body_mass_g', 'flipper_length_mm', 'island', 'bill_depth_mm', 'bill_length_mm'];
    const rows = penguinsRows.map((r) => order.map((c) => (c === 'extra' ? 'zzz' : r[penguinsHeader.indexOf(c)])));
    const parts: Float32Array[] = [];
    for (let at = 0; at < rows.length; at += 37) parts.push(encodeChunk(doc, { columns: order, rows: rows.slice(at, at + 37) }).features);
    expect(Float32Array.from(parts.flatMap((p) => Array.from(p)))).toEqual(reference);
  });

  it('marks only the bad rows: text in a numeric column, a ragged row, a non-finite number', () => {
    const rows = penguinsRows.slice(0, 5).map((r) => [...r]);
    rows[1][2] = 'abc';
    rows[3] = rows[3].slice(0, 3);
    rows[4][5] = 'inf';
    const chunk = encodeChunk(doc, { columns: penguinsHeader, rows });
    expect(chunk.errors).toEqual([
      null,
      "column 'bill_length_mm': 'abc' is not a number",
      null,
      'has 3 values but the header has 7',
      "column 'body_mass_g': 'inf' is not a finite number",
    ]);
    expect(chunk.encoded).toEqual([0, 2]);
    expect(chunk.features).toEqual(Float32Array.from([...reference.subarray(0, width()), ...reference.subarray(2 * width(), 3 * width())]));
  });

  it('reads records with JSON numbers, numeric text and absent keys as missing', () => {
    const [r0, , , r3] = penguinsRows;
    const record = (r: string[]) => Object.fromEntries(penguinsHeader.map((h, i) => [h, /^\d/.test(r[i]) ? Number(r[i]) : r[i]]));
    const absent = { island: 'Torgersen' }; // row 3 has every measurement missing; sex is ''
    const chunk = encodeRecords(doc, [record(r0), absent, { ...record(r3), bill_length_mm: null }]);
    expect(chunk.errors).toEqual([null, null, null]);
    expect(chunk.features.subarray(0, width())).toEqual(reference.subarray(0, width()));
    expect(chunk.features.subarray(width(), 2 * width())).toEqual(reference.subarray(3 * width(), 4 * width()));
    expect(chunk.features.subarray(2 * width())).toEqual(reference.subarray(3 * width(), 4 * width()));
  });

  it('refuses values of the wrong JSON type by column', () => {
    const chunk = encodeRecords(doc, [{ bill_length_mm: true as unknown as number }, { island: [] as unknown as string }]);
    expect(chunk.errors).toEqual(["column 'bill_length_mm': expected a number, got boolean", "column 'island': expected text, got a list"]);
    expect(chunk.features).toHaveLength(0);
  });
});

describe('encodeChunk when a prepare step refuses a value', () => {
  // `code` was categorical in training and cast to numeric: the cast fails on text, inside applyFitted.
  const castDoc: TableModelDoc = {
    kiln: 1,
    kind: 'table',
    task: 'regression',
    label: 'y',
    classes: null,
    fields: ['code'],
    schema: [{ name: 'code', type: 'categorical', categories: ['1', '2'] }],
    inputs: ['code'],
    prepare: [{ op: 'cast', column: 'code', type: 'numeric', from: 'categorical' }],
    preprocessor: { version: 1, features: [{ kind: 'numeric', name: 'code', fill: 2, mean: 1, std: 2 }], label: { kind: 'target', name: 'y', mean: 0, std: 1 }, width: 1 },
    spec: {} as PipelineSpec,
  };

  it('retries row by row, so only the bad row has an error', () => {
    const chunk = encodeChunk(castDoc, { columns: ['code'], rows: [['1'], ['x'], ['5'], ['']] });
    expect(chunk.errors).toEqual([null, "column 'code': 'x' is not a number", null, null]);
    expect(chunk.encoded).toEqual([0, 2, 3]);
    expect(Array.from(chunk.features)).toEqual([0, 2, 0.5]); // (1-1)/2, (5-1)/2, missing → fill 2 → 0.5
  });
});
