import * as ort from 'onnxruntime-node';
import { cellText, findColumn, type Table } from '../../../../../src/core/collect/table.ts';
import { inputSchema, type InputField } from '../../../../../src/core/deploy/input-schema.ts';
import type { TableModelDoc } from '../../../../../src/core/deploy/model-doc.ts';
import { encodeModel, OnnxGraph } from '../../../../../src/core/deploy/onnx/graph.ts';
import { compilePrepare } from '../../../../../src/core/deploy/onnx/prepare/index.ts';
import { encodeFeatures, featureNames, fitPreprocessor } from '../../../../../src/core/prepare/preprocess.ts';
import { applyFitted, fitSteps, inputColumns } from '../../../../../src/core/prepare/steps/fit.ts';
import { prepareSchema, type PrepareStepInput } from '../../../../../src/core/prepare/steps/schema.ts';
import { defaultSpec } from '../../../../../src/core/spec/validate.ts';

/**
 * The raw ONNX input for `rows` of `table`, by the schema: numbers (NaN when missing), categories
 * as their index in the field's list (-1 when unseen, NaN when missing). Row-major float32.
 */
export function rawInput(table: Table, schema: readonly InputField[], rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * schema.length);
  schema.forEach((field, k) => {
    const column = findColumn(table, field.name)!;
    rows.forEach((row, r) => {
      const text = cellText(column, row);
      const cell =
        text === null ? NaN : field.type === 'numeric' ? (column.type === 'numeric' ? column.values[row] : Number(text)) : field.categories.indexOf(text);
      out[r * schema.length + k] = cell;
    });
  });
  return out;
}

/** Fits `steps` and the preprocessor on `train` rows as planRun does, and builds the model document. */
export function fitDoc(table: Table, label: string, input: PrepareStepInput[], train: readonly number[]): TableModelDoc {
  const steps = prepareSchema.parse(input);
  const prepare = fitSteps(table, steps, train, { label });
  const prepared = applyFitted(table, prepare);
  const features = prepared.columns.map((c) => c.name).filter((n) => n !== label);
  const pre = fitPreprocessor(prepared, { label, features, task: 'classification' }, train);
  const fields = inputColumns(prepare, pre.features.map((f) => f.name));
  const schema = inputSchema(table, fields, train);
  const spec = { ...defaultSpec('t.csv', label), prepare: steps };
  return { kiln: 1, kind: 'table', task: 'classification', label, classes: null, fields, schema, inputs: featureNames(pre), prepare, preprocessor: pre, spec };
}

/** The preparation graph alone (output = encoded features), as ONNX bytes. */
export function prepareModel(doc: TableModelDoc): Uint8Array {
  const g = new OnnxGraph();
  const { output, width } = compilePrepare(g, doc, 'input');
  return encodeModel(g, { input: { name: 'input', dims: [-1, doc.fields.length] }, output: { name: output, dims: [-1, width] }, name: 'prepare' });
}

/** Runs ONNX `bytes` in onnxruntime-node on a [rows, width] float32 input called `input`. */
export async function runOnnx(bytes: Uint8Array, input: Float32Array, width: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ input: new ort.Tensor('float32', input, [input.length / Math.max(width, 1), width]) });
  return result[session.outputNames[0]].data as Float32Array;
}

/** The features the preparation graph computes for `rows`, and the ones encodeFeatures gives. */
export async function bothFeatures(table: Table, doc: TableModelDoc, rows: readonly number[]): Promise<{ onnx: Float32Array; kiln: Float32Array }> {
  const onnx = await runOnnx(prepareModel(doc), rawInput(table, doc.schema, rows), doc.fields.length);
  const kiln = encodeFeatures(doc.preprocessor, applyFitted(table, doc.prepare), rows);
  return { onnx, kiln };
}

/** The largest |a - b| / max(1, |b|), with NaN counted as a mismatch unless both are NaN. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
  }
  return worst;
}
