import type { ImageSet } from '../../src/core/collect/image-set.ts';
import { imageSize } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import { exportFiles } from '../../src/core/deploy/exports.ts';
import { onnxInputs } from '../../src/core/deploy/onnx/inputs.ts';
import { onnxSignature } from '../../src/core/deploy/onnx/export.ts';
import type { VerifyReport } from '../../src/core/deploy/protocol.ts';
import { runOnnx } from './onnx-runtime.ts';
import type { DeployedModel } from './trained-model.ts';
import { rawRecords } from '../../src/core/deploy/raw-records.ts';
import { predictRecords } from './predict-rows.ts';

/** The bar: ONNX and TF.js agree within this on every output of every test row. */
const tolerance = 1e-4;
/** Enough rows to catch a wrong step or layer; few enough to stay quick in WebAssembly. */
const maxRows = 2000;

/**
 * Exports the model to ONNX, runs it in onnxruntime-web on the test split's raw rows (or images)
 * and compares every output with TF.js's for the same rows. Regression values are compared
 * relative to their size (float32 carries ~7 digits, so 2,000 ± 2e-4 is exact).
 */
export async function verifyOnnxExport(model: DeployedModel): Promise<VerifyReport> {
  const started = performance.now();
  const { predictor, trained, files } = model;
  const doc = predictor.doc;
  let rows = trained.result.predictions.rows.slice(0, maxRows);
  const onnx = exportFiles('onnx', files, { doc, metrics: { test: trained.result.test }, fingerprint: '', createdAt: '' })['model.onnx'];
  let input: Float32Array;
  let expected: Float32Array;
  if (doc.kind === 'table') {
    // The same records through TF.js's own path (prepare steps in JS, then the network); a row
    // TF.js cannot predict (none should, from the training data) is left out of both sides.
    const all = rawRecords(model.data as Table, doc.fields, rows);
    const { predictions } = predictRecords(predictor, all);
    const records = all.filter((_, i) => predictions[i] !== null);
    input = onnxInputs(doc.schema, records);
    expected = Float32Array.from(predictions.flatMap((p) => (p === null ? [] : (p.probabilities ?? [Number(p.prediction)]))));
    rows = rows.filter((_, i) => predictions[i] !== null);
  } else {
    const images = model.data as ImageSet;
    const size = imageSize(images);
    const pixels = new Uint8Array(rows.length * size);
    rows.forEach((index, i) => pixels.set(images.pixels.subarray(index * size, (index + 1) * size), i * size));
    input = Float32Array.from(pixels);
    expected = await predictor.predictAsync(pixels, rows.length);
  }
  const { input: signature } = onnxSignature(doc);
  const actual = await runOnnx(onnx, input, [rows.length, ...signature.dims]);
  const relative = doc.kind === 'table' && doc.task === 'regression';
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]) / (relative ? Math.max(1, Math.abs(expected[i])) : 1);
    maxDiff = Math.max(maxDiff, Number.isNaN(diff) ? Infinity : diff);
  }
  if (actual.length !== expected.length) maxDiff = Infinity;
  return { rows: rows.length, maxDiff, tolerance, ok: maxDiff <= tolerance, ms: performance.now() - started };
}
