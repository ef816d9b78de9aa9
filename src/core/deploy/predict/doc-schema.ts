import { z } from 'zod';
import { expressionSource } from '../../prepare/steps/schema.ts';

// The shapes of preprocessing.json (TableModelDoc, ImageModelDoc in ../model-doc.ts), checked
// field by field because a model directory may come from anywhere: a hand-edited or hostile file
// must fail here with the field's path, not deep inside a prepare step.

const name = z.string().min(1, 'must be a non-empty column name');
const names = z.array(name);
const finite = z.number(); // zod 4 refuses NaN and ±Infinity
const columnType = z.enum(['numeric', 'categorical']);

const fittedStep = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('drop'), columns: names }),
  z.strictObject({
    op: z.literal('impute'),
    strategy: z.enum(['mean', 'median', 'mostFrequent', 'constant']),
    fill: z.record(z.string(), z.union([finite, z.string()])),
    indicator: z.boolean(),
  }),
  z.strictObject({
    op: z.literal('scale'),
    method: z.enum(['minmax', 'zscore', 'robust']),
    columns: z.record(z.string(), z.strictObject({ center: finite, scale: finite.refine((s) => s !== 0, 'must not be 0') })),
  }),
  z.strictObject({ op: z.literal('clip'), columns: z.record(z.string(), z.strictObject({ min: finite, max: finite })) }),
  z.strictObject({ op: z.literal('onehot'), columns: z.record(z.string(), z.array(z.string())) }),
  z.strictObject({ op: z.literal('ordinal'), column: name, order: z.array(z.string()) }),
  z.strictObject({
    op: z.literal('transform'),
    column: name,
    fn: z.enum(['log', 'log1p', 'sqrt', 'power']),
    power: finite.optional(),
    as: name.optional(),
  }),
  z.strictObject({ op: z.literal('bin'), column: name, as: name.optional(), edges: z.array(finite) }),
  z.strictObject({ op: z.literal('derive'), name, expression: expressionSource }),
  z.strictObject({ op: z.literal('cast'), column: name, type: columnType, from: columnType }),
]);

const featureEncoder = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('numeric'), name, fill: finite, mean: finite, std: finite.refine((s) => s !== 0, 'must not be 0') }),
  z.strictObject({ kind: z.literal('onehot'), name, categories: z.array(z.string()), fill: z.string() }),
]);

const labelEncoder = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('classes'), name, classes: z.array(z.string()).min(2, 'must list at least 2 classes') }),
  z.strictObject({ kind: z.literal('target'), name, mean: finite, std: finite }),
]);

const preprocessor = z.strictObject({
  version: z.literal(1),
  features: z.array(featureEncoder).min(1, 'must list at least one feature'),
  label: labelEncoder,
  width: z.number().int().positive(),
});

const inputField = z.discriminatedUnion('type', [
  z.strictObject({ name, type: z.literal('numeric'), min: finite.nullable(), max: finite.nullable() }),
  z.strictObject({ name, type: z.literal('categorical'), categories: z.array(z.string()) }),
]);

// `spec` is only carried along (for the record); the spec's own schema checks it where it is used.
const spec = z.record(z.string(), z.unknown());

/** preprocessing.json of a table model (TableModelDoc). */
export const tableDocSchema = z.looseObject({
  kiln: z.literal(1),
  kind: z.literal('table'),
  task: z.enum(['classification', 'regression']),
  label: name,
  classes: z.array(z.string()).nullable(),
  fields: names.min(1, 'must list at least one input column'),
  schema: z.array(inputField),
  inputs: z.array(z.string()),
  prepare: z.array(fittedStep),
  preprocessor,
  spec,
});

/** preprocessing.json of an image model (ImageModelDoc). */
export const imageDocSchema = z.looseObject({
  kiln: z.literal(1),
  kind: z.literal('images'),
  task: z.literal('classification'),
  width: z.number().int().min(1).max(4096),
  height: z.number().int().min(1).max(4096),
  channels: z.union([z.literal(1), z.literal(3)]),
  scale: finite.positive(),
  classes: z.array(z.string()).min(2, 'must list at least 2 classes'),
  label: z.string(),
  layout: z.literal('NHWC'),
  spec,
});

/** The `kind` field alone, read first so the error for a wrong kind is about `kind`. */
export const docHeadSchema = z.looseObject({
  kiln: z.number({ message: "must be 1 (is this a Kiln model's preprocessing.json?)" }),
  kind: z.enum(['table', 'images'], { message: "must be 'table' or 'images'" }),
});
