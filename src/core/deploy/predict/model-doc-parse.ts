import type { z } from 'zod';
import { KilnError } from '../../errors.ts';
import { featureNames } from '../../prepare/preprocess.ts';
import { inputColumns } from '../../prepare/steps/fit.ts';
import type { ImageModelDoc, ModelDoc, TableModelDoc } from '../model-doc.ts';
import { docHeadSchema, imageDocSchema, tableDocSchema } from './doc-schema.ts';

/**
 * Reads and checks a preprocessing.json: its shape (zod), then that its parts agree with each
 * other (fields and schema, classes and label encoder, encoded width). `file` names it in errors.
 * `spec` is carried along unchecked: prediction never reads it, and an old spec must not stop a model.
 *
 * parseModelDoc(bytes, 'out/iris/model/preprocessing.json')
 * // → { kiln: 1, kind: 'table', task: 'classification', fields: ['sepal_length', …], … }
 * // or KilnError "…/preprocessing.json, preprocessor.width: expected a number, got string"
 */
export function parseModelDoc(source: Uint8Array | string, file: string): ModelDoc {
  const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KilnError(`is not valid JSON (${(e as Error).message})`, { file });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new KilnError("is not a Kiln model description (expected a JSON object with 'kiln' and 'kind')", { file });
  }
  const head = check(docHeadSchema, json, file);
  if (head.kiln !== 1) throw new KilnError(`format ${head.kiln} is not one this Kiln reads (1); update Kiln or re-export the model`, { file, path: 'kiln' });
  if (head.kind === 'images') return check(imageDocSchema, json, file) as unknown as ImageModelDoc;
  const doc = check(tableDocSchema, json, file) as unknown as TableModelDoc;
  checkTableDoc(doc, file);
  return doc;
}

function check<T extends z.ZodType>(schema: T, json: unknown, file: string): z.output<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue.path.map(String).join('.') || undefined;
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
  throw new KilnError(`${issue.message}${more}; re-export the model with 'kiln run'`, { file, path });
}

/** The parts of a table doc must describe the same model, or predictions would be silently wrong. */
function checkTableDoc(doc: TableModelDoc, file: string): void {
  const fail = (path: string, detail: string): never => {
    throw new KilnError(`${detail}; re-export the model with 'kiln run'`, { file, path });
  };
  const pre = doc.preprocessor;
  if (doc.schema.length !== doc.fields.length || doc.schema.some((f, i) => f.name !== doc.fields[i])) {
    fail('schema', 'does not describe the same columns, in the same order, as fields');
  }
  if (new Set(doc.fields).size !== doc.fields.length) fail('fields', 'lists a column twice');
  if (doc.fields.includes(doc.label)) fail('fields', `includes the label '${doc.label}'`);
  if (pre.label.name !== doc.label) fail('preprocessor.label.name', `is '${pre.label.name}' but label is '${doc.label}'`);
  const width = pre.features.reduce((w, f) => w + (f.kind === 'numeric' ? 1 : f.categories.length), 0);
  if (width !== pre.width) fail('preprocessor.width', `is ${pre.width} but the features encode to ${width} numbers`);
  const inputs = featureNames(pre);
  if (doc.inputs.length !== inputs.length || doc.inputs.some((n, i) => n !== inputs[i])) fail('inputs', 'does not match the preprocessor features');
  if (pre.label.kind === 'classes') {
    if (doc.task !== 'classification') fail('task', `is '${doc.task}' but the label encoder has classes`);
    const classes = pre.label.classes;
    if (!doc.classes || doc.classes.length !== classes.length || doc.classes.some((c, i) => c !== classes[i])) {
      fail('classes', 'does not match preprocessor.label.classes');
    }
  } else {
    if (doc.task !== 'regression') fail('task', `is '${doc.task}' but the label encoder is a regression target`);
    if (doc.classes !== null) fail('classes', 'must be null for a regression model');
  }
  const needed = inputColumns(doc.prepare, pre.features.map((f) => f.name));
  const missing = needed.filter((n) => !doc.fields.includes(n));
  if (missing.length > 0) fail('fields', `lacks ${missing.map((n) => `'${n}'`).join(', ')}, which the model reads`);
}

/** What loading a TF.js layers model.json needs: its topology, weight specs and weight file names in order. */
export interface LayersModelJson {
  modelTopology: object;
  weightSpecs: { name: string; shape: number[]; dtype: string }[];
  weightPaths: string[];
}

/**
 * Reads a TF.js layers-format model.json (as exportModelFiles writes it).
 *
 * parseModelJson(bytes, 'model.json') // → { modelTopology: {…}, weightSpecs: [{ name: 'dense/kernel', … }], weightPaths: ['weights.bin'] }
 */
export function parseModelJson(source: Uint8Array | string, file: string): LayersModelJson {
  const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
  let json: { format?: unknown; modelTopology?: unknown; weightsManifest?: unknown };
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KilnError(`is not valid JSON (${(e as Error).message})`, { file });
  }
  if (typeof json !== 'object' || json === null || json.format !== 'layers-model') {
    throw new KilnError("is not a TF.js layers model (format must be 'layers-model')", { file, path: 'format' });
  }
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) throw new KilnError('has no modelTopology', { file, path: 'modelTopology' });
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest)) throw new KilnError('has no weightsManifest list', { file, path: 'weightsManifest' });
  const weightSpecs: LayersModelJson['weightSpecs'] = [];
  const weightPaths: string[] = [];
  manifest.forEach((group: { paths?: unknown; weights?: unknown }, i) => {
    const paths = group?.paths;
    const weights = group?.weights;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && !p.includes('/') && !p.includes('\\'))) {
      throw new KilnError('must list weight files by plain name', { file, path: `weightsManifest.${i}.paths` });
    }
    if (!Array.isArray(weights)) throw new KilnError('must be a list', { file, path: `weightsManifest.${i}.weights` });
    weightPaths.push(...paths);
    weightSpecs.push(...weights);
  });
  return { modelTopology: json.modelTopology, weightSpecs, weightPaths };
}

/** Bytes per value of the weight dtypes TF.js writes without quantization. */
const dtypeBytes: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1 };

/**
 * How many bytes the weight files must hold for these weight specs, or null when it cannot be
 * told (quantized or unknown dtypes), so a cut or padded weights.bin is refused by name before
 * TF.js reads it.
 *
 * expectedWeightBytes([{ name: 'dense/kernel', shape: [4, 3], dtype: 'float32' }]) // → 48
 */
export function expectedWeightBytes(specs: readonly { shape: readonly number[]; dtype: string; quantization?: unknown }[]): number | null {
  let total = 0;
  for (const spec of specs) {
    const size = dtypeBytes[spec.dtype];
    if (size === undefined || spec.quantization !== undefined || !Array.isArray(spec.shape)) return null;
    total += spec.shape.reduce((n, d) => n * d, 1) * size;
  }
  return total;
}
