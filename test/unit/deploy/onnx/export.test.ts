import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/core/collect/csv.ts';
import type { Table } from '../../../../src/core/collect/table.ts';
import { exportTableOnnx, onnxSignature } from '../../../../src/core/deploy/onnx/export.ts';
import type { TableModelDoc } from '../../../../src/core/deploy/model-doc.ts';
import { encodeFeatures } from '../../../../src/core/prepare/preprocess.ts';
import { applyFitted } from '../../../../src/core/prepare/steps/fit.ts';
import type { PrepareStepInput } from '../../../../src/core/prepare/steps/schema.ts';
import { validateSpec } from '../../../../src/core/spec/validate.ts';
import type { PipelineSpecInput } from '../../../../src/core/spec/schema.ts';
import { planRun } from '../../../../src/core/train/plan.ts';
import { trainOn, type TrainedTable } from '../../../../workers/train/pipeline.ts';
import { maxRelativeError, rawInput } from './prepare/helpers.ts';

const colors = ['red', 'blue', 'green', 'teal', 'plum'];
const sizes = ['small', 'medium', 'large'];

/** A seeded table of shops: numbers with gaps (in eighths, exact in float32), colours, sizes, a class and a price. */
function shopsCsv(n: number): string {
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['area,rent,visits,color,size,tier,price'];
  for (let i = 0; i < n; i++) {
    const area = Math.round((20 + rand() * 200) * 8) / 8;
    const rent = Math.round((rand() * 40 - 5) * 8) / 8;
    const visits = Math.round(1 + rand() * 500);
    const color = colors[Math.floor(rand() ** 2 * colors.length)];
    const size = sizes[Math.floor(rand() * 3)];
    const score = area / 60 + rent / 20 + (color === 'red' ? 1 : 0) + sizes.indexOf(size) * 0.7 + rand();
    const tier = score < 2.6 ? 'low' : score < 3.9 ? 'mid' : 'high';
    const price = Math.round((area * 12 + rent * 30 + sizes.indexOf(size) * 200 + rand() * 100) * 8) / 8;
    const gap = (v: string | number) => (rand() < 0.1 ? '' : String(v));
    lines.push([gap(area), gap(rent), visits, gap(color), gap(size), tier, price].join(','));
  }
  return lines.join('\n');
}

const table = parseCsv(shopsCsv(160), 'shops.csv');
// Rows no training row resembles: an unseen colour and size, missing cells, values far outside the training range.
const odd = parseCsv(
  `area,rent,visits,color,size,tier,price
900,-60,0,violet,huge,low,1
,,,,,mid,2
20,35,12000,teal,,high,3
-4,0.125,1,red,large,low,4
`,
  'odd.csv',
);

const prepare: PrepareStepInput[] = [
  { op: 'drop', columns: ['price'] },
  { op: 'derive', name: 'density', expression: 'visits / area + if(rent > 10, 1, 0)' },
  { op: 'transform', column: 'visits', fn: 'log1p' },
  { op: 'impute', indicator: true },
  { op: 'impute', strategy: 'constant', value: 'none', columns: ['color'] },
  { op: 'ordinal', column: 'size', order: ['small', 'medium', 'large'] },
  { op: 'impute', strategy: 'median', columns: ['size'] },
  { op: 'clip', columns: ['rent'], lower: 0.05, upper: 0.95 },
  { op: 'bin', column: 'area', bins: 4, as: 'area_bin' },
  { op: 'onehot', columns: ['color'], maxCategories: 3 },
  { op: 'scale', method: 'robust', columns: ['area', 'density'] },
];

function spec(label: string, steps: PrepareStepInput[], extra: Partial<PipelineSpecInput> = {}) {
  const result = validateSpec({ version: 1, data: { source: 'shops.csv', label }, prepare: steps, backend: 'cpu', model: { hidden: [12] }, train: { epochs: 4 }, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const trained: TrainedTable[] = [];
afterAll(() => trained.forEach((t) => t.model.dispose()));

/** Trains, exports both ways, and returns what TF.js and onnxruntime say for the test split and the odd rows. */
async function trainAndCompare(label: string, steps: PrepareStepInput[], task: 'classification' | 'regression') {
  const s = spec(label, steps, { task });
  const run = await trainOn(s, table);
  trained.push(run);
  const files = await run.files();
  const doc = JSON.parse(new TextDecoder().decode(files['preprocessing.json'])) as TableModelDoc;
  const onnx = exportTableOnnx(files);
  const session = await ort.InferenceSession.create(onnx);
  const plan = planRun(s, table);
  const inputs: [Table, Table, number[]][] = [
    [plan.kept, plan.table, plan.split.test],
    [odd, applyFitted(odd, run.prepare), [0, 1, 2, 3]],
  ];
  const results = [];
  for (const [raw, prepared, rows] of inputs) {
    const x = rawInput(raw, doc.schema, rows);
    const out = await session.run({ input: new ort.Tensor('float32', x, [rows.length, doc.fields.length]) });
    const y = tf.tidy(() => (run.model.predict(tf.tensor2d(encodeFeatures(run.pre, prepared, rows), [rows.length, run.pre.width])) as tf.Tensor).dataSync());
    const label = run.pre.label;
    const kiln = label.kind === 'target' ? Float32Array.from(y, (v) => v * label.std + label.mean) : Float32Array.from(y);
    results.push({ onnx: out[session.outputNames[0]].data as Float32Array, kiln });
  }
  return { run, doc, onnx, session, test: results[0], odd: results[1], testRows: plan.split.test };
}

describe('exportTableOnnx: raw rows in, the trained model’s answer out', () => {
  it('classification with categories, gaps and 11 prepare steps matches TF.js within 1e-4', async () => {
    const { run, doc, onnx, session, test, odd: unseen, testRows } = await trainAndCompare('tier', prepare, 'classification');
    expect(doc.fields).toEqual(['visits', 'area', 'rent', 'color', 'size']);
    expect(session.inputNames).toEqual(['input']);
    expect(session.outputNames).toEqual(['probabilities']);
    expect(onnxSignature(doc)).toEqual({ input: { name: 'input', dims: [5] }, output: { name: 'probabilities', dims: [3] } });
    // The test split's probabilities as the training run reported them, class order = doc.classes.
    const reported = run.result.predictions.probabilities!.flat();
    expect(test.onnx.length).toBe(testRows.length * 3);
    expect(maxRelativeError(test.kiln, reported)).toBeLessThanOrEqual(1e-6);
    expect(Math.max(...test.onnx.map((v, i) => Math.abs(v - reported[i])))).toBeLessThanOrEqual(1e-4);
    expect(Math.max(...unseen.onnx.map((v, i) => Math.abs(v - unseen.kiln[i])))).toBeLessThanOrEqual(1e-4);
    // Each row's probabilities sum to 1: the softmax is in the graph.
    expect(Math.abs(unseen.onnx.slice(0, 3).reduce((a, b) => a + b) - 1)).toBeLessThan(1e-5);
    checkWithOnnxPackage(onnx);
  });

  it('regression answers in the label’s units, matching TF.js within 1e-4 relative', async () => {
    const steps = prepare.map((s) => (s.op === 'drop' ? { op: 'drop' as const, columns: ['tier'] } : s));
    const { doc, session, test, odd: unseen } = await trainAndCompare('price', steps, 'regression');
    expect(session.outputNames).toEqual(['prediction']);
    expect(onnxSignature(doc).output).toEqual({ name: 'prediction', dims: [1] });
    // Prices are in the hundreds to thousands, so this also shows the label was scaled back.
    expect(Math.max(...test.kiln)).toBeGreaterThan(100);
    expect(maxRelativeError(test.onnx, test.kiln)).toBeLessThanOrEqual(1e-4);
    expect(maxRelativeError(unseen.onnx, unseen.kiln)).toBeLessThanOrEqual(1e-4);
  });

  it('refuses a model whose files do not belong together, or an image model', async () => {
    const run = trained[0];
    const files = await run.files();
    const doc = JSON.parse(new TextDecoder().decode(files['preprocessing.json'])) as TableModelDoc;
    const asImages = new TextEncoder().encode(JSON.stringify({ kind: 'images', width: 8, height: 8, channels: 1, classes: ['a'] }));
    expect(() => exportTableOnnx({ ...files, 'preprocessing.json': asImages })).toThrow('preprocessing.json: this is an image model; export it with exportImageOnnx');
    const twoClasses = new TextEncoder().encode(JSON.stringify({ ...doc, classes: ['low', 'mid'] }));
    expect(() => exportTableOnnx({ ...files, 'preprocessing.json': twoClasses })).toThrow("model.json: the network's output is [3], but preprocessing.json expects [2]");
  });
});

/** A python3 with the onnx package: Debian's python3-onnx lives in /usr/bin/python3, which a pyenv shim may hide. */
const pythonWithOnnx = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import onnx']).status === 0);

/** onnx.checker.check_model on the bytes, when some python3 has the onnx package (skipped otherwise). */
function checkWithOnnxPackage(bytes: Uint8Array): void {
  if (!pythonWithOnnx) return;
  const file = join(mkdtempSync(join(tmpdir(), 'kiln-onnx-')), 'model.onnx');
  writeFileSync(file, bytes);
  const check = spawnSync(pythonWithOnnx, ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
}
