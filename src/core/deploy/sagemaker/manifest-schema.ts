import { z } from 'zod';
import { metricNames } from '../../spec/schema.ts';
import { SAGEMAKER_NAME } from './names.ts';

const tensor = z.strictObject({ name: z.string().min(1), dims: z.array(z.number().int().positive()).min(1) });

const field = z.discriminatedUnion('type', [
  z.strictObject({ name: z.string(), type: z.literal('numeric'), min: z.number().nullable(), max: z.number().nullable() }),
  z.strictObject({ name: z.string(), type: z.literal('categorical'), categories: z.array(z.string()) }),
]);

const input = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('table'), fields: z.array(field).min(1), onnx: tensor }),
  z.strictObject({
    kind: z.literal('image'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    channels: z.union([z.literal(1), z.literal(3)]),
    layout: z.literal('NHWC'),
    onnx: tensor,
  }),
]);

/** How a raw CSV row becomes the ONNX input; Kiln's container does this itself, Triton's caller must. */
const encoding = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('table'),
    numeric: z.literal('raw'),
    missing: z.literal('NaN'),
    categorical: z.literal('index'),
    unknownCategory: z.literal(-1),
  }),
  z.strictObject({ kind: z.literal('image'), pixels: z.literal('raw-bytes-hwc'), scale: z.number().positive() }),
]);

const output = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('classification'),
    labels: z.array(z.string()).min(1),
    values: z.literal('probabilities'),
    onnx: tensor,
    /** Binary models: the class is `positiveClass` when its probability is ≥ `threshold` (spec `evaluate`); null: the most probable class. */
    decision: z.strictObject({ positiveClass: z.string(), threshold: z.number().min(0).max(1) }).nullable(),
  }),
  z.strictObject({ kind: z.literal('regression'), label: z.string(), onnx: tensor }),
]);

const metrics = z.record(z.string(), z.unknown());

/** The versioned description of a SageMaker package; manifest.json is checked against it on write. */
export const manifestSchema = z.strictObject({
  kind: z.literal('kiln-sagemaker-manifest'),
  version: z.literal(1),
  name: z.string().regex(SAGEMAKER_NAME, 'must be a SageMaker name: letters, digits and dashes, ≤ 63 characters'),
  task: z.enum(['classification', 'regression']),
  framework: z.strictObject({ onnx: z.string(), tfjs: z.string() }),
  kilnVersion: z.string().min(1),
  createdAt: z.iso.datetime(),
  datasetFingerprint: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be lower-case hex'),
  input,
  encoding,
  output,
  /** Fitted prepare steps and the final encoder (tables), as in preprocessing.json; the ONNX graph applies them. */
  preparation: z.strictObject({ steps: z.array(z.record(z.string(), z.unknown())), preprocessor: z.unknown() }).nullable(),
  metrics: z.strictObject({ validation: metrics.nullable(), test: metrics }),
  goal: z.strictObject({
    objective: z.string(),
    metric: z.enum(metricNames),
    target: z.number().nullable(),
    /** The metric on the test split. */
    value: z.number().nullable(),
    /** Null when no target was set. */
    met: z.boolean().nullable(),
  }),
  region: z.string().min(1),
  triton: z.strictObject({
    image: z.string().regex(/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/sagemaker-tritonserver:[\w.-]+$/),
    environment: z.strictObject({ SAGEMAKER_TRITON_DEFAULT_MODEL_NAME: z.string() }),
    maxBatchSize: z.number().int().positive(),
    instanceTypes: z.array(z.string().startsWith('ml.')).min(1),
  }),
  kilnContainer: z.strictObject({
    environment: z.record(z.string(), z.string()),
    instanceTypes: z.array(z.string().startsWith('ml.')).min(1),
    // API_ProductionVariantServerlessConfig: memory 1024–6144 in 1 GB steps, concurrency 1–200.
    ServerlessConfig: z.strictObject({
      MemorySizeInMB: z.number().int().min(1024).max(6144).multipleOf(1024),
      MaxConcurrency: z.number().int().min(1).max(200),
    }),
  }),
  // API_CreateTransformJob / API_TransformInput: field names as the SageMaker API spells them.
  batchTransform: z.strictObject({
    ContentType: z.literal('text/csv'),
    SplitType: z.literal('Line'),
    BatchStrategy: z.literal('MultiRecord'),
    MaxPayloadInMB: z.number().int().min(0).max(100),
    Accept: z.literal('text/csv'),
    AssembleWith: z.literal('Line'),
    InstanceType: z.string().startsWith('ml.'),
    InstanceCount: z.number().int().min(1),
  }),
});

/** manifest.json of a SageMaker package. */
export type SageMakerManifest = z.infer<typeof manifestSchema>;
