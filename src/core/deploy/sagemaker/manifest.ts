import { KilnError } from '../../errors.ts';
import { meetsGoal, metricValue } from '../../evaluate/goal.ts';
import { positiveIndex } from '../../evaluate/threshold.ts';
import { decisionOf } from '../predict/decode.ts';
import type { SplitMetrics } from '../../train/protocol.ts';
import type { ModelDoc } from '../model-doc.ts';
import { manifestSchema, type SageMakerManifest } from './manifest-schema.ts';
import { MAX_BATCH_SIZE, type ModelSignature } from './triton-config.ts';
import { tritonImageUri } from './triton-image.ts';

/** Where Kiln's container finds the TF.js model once SageMaker has unpacked model.tar.gz into /opt/ml/model. */
export function kilnModelDir(name: string): string {
  return `/opt/ml/model/${name}/kiln`;
}

/** What the manifest is built from; everything time- or data-dependent is passed in so tests are exact. */
export interface ManifestInput {
  name: string;
  doc: ModelDoc;
  signature: ModelSignature;
  metrics: { validation?: SplitMetrics | null; test: SplitMetrics };
  createdAt: string;
  fingerprint: string;
  kilnVersion: string;
  region: string;
}

/**
 * The package's manifest.json, checked against `manifestSchema` (a mismatch is a bug, so it throws).
 *
 * buildManifest({ name: 'iris', doc, … }).triton.image
 * // → '763104351884.dkr.ecr.us-east-1.amazonaws.com/sagemaker-tritonserver:24.09-py3'
 */
export function buildManifest(m: ManifestInput): SageMakerManifest {
  const { doc, signature } = m;
  const table = doc.kind === 'table' ? doc : null;
  const image = doc.kind === 'images' ? doc : null;
  const task = table ? table.task : 'classification';
  const classes = table ? table.classes : doc.classes;
  const goal = doc.spec.goal;
  const value = metricValue(m.metrics.test.metrics, goal.metric) ?? null;
  const target = goal.target ?? null;
  const manifest: SageMakerManifest = {
    kind: 'kiln-sagemaker-manifest',
    version: 1,
    name: m.name,
    task,
    framework: { onnx: `${m.name}/1/model.onnx`, tfjs: `${m.name}/kiln/model.json` },
    kilnVersion: m.kilnVersion,
    createdAt: m.createdAt,
    datasetFingerprint: m.fingerprint,
    input: image
      ? { kind: 'image', width: image.width, height: image.height, channels: image.channels, layout: 'NHWC', onnx: signature.input }
      : { kind: 'table', fields: table?.schema ?? [], onnx: signature.input },
    encoding: image
      ? { kind: 'image', pixels: 'raw-bytes-hwc', scale: image.scale }
      : { kind: 'table', numeric: 'raw', missing: 'NaN', categorical: 'index', unknownCategory: -1 },
    output:
      task === 'classification'
        ? { kind: 'classification', labels: classes ?? [], values: 'probabilities', onnx: signature.output, decision: binaryDecision(doc, classes ?? []) }
        : { kind: 'regression', label: table?.label ?? '', onnx: signature.output },
    preparation: table ? { steps: table.prepare as unknown as Record<string, unknown>[], preprocessor: table.preprocessor } : null,
    metrics: { validation: plain(m.metrics.validation ?? null), test: plain(m.metrics.test) as Record<string, unknown> },
    goal: {
      objective: goal.objective,
      metric: goal.metric,
      target,
      value,
      met: target === null ? null : value !== null && meetsGoal(value, goal.metric, target),
    },
    region: m.region,
    triton: {
      image: tritonImageUri(m.region),
      // https://docs.aws.amazon.com/sagemaker/latest/dg/deploy-models-frameworks-triton.html: single-model endpoints name the model folder here.
      environment: { SAGEMAKER_TRITON_DEFAULT_MODEL_NAME: m.name },
      maxBatchSize: MAX_BATCH_SIZE,
      instanceTypes: ['ml.m5.large', 'ml.g4dn.xlarge'],
    },
    kilnContainer: {
      // The model folder sits one level down (see tarball.ts), so `kiln serve` is told where.
      environment: { KILN_MODEL_DIR: kilnModelDir(m.name) },
      instanceTypes: ['ml.m5.large'],
      ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
    },
    // https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform.html: Line + MultiRecord packs rows up to MaxPayloadInMB per request.
    batchTransform: {
      ContentType: 'text/csv',
      SplitType: 'Line',
      BatchStrategy: 'MultiRecord',
      MaxPayloadInMB: 6,
      Accept: 'text/csv',
      AssembleWith: 'Line',
      InstanceType: 'ml.m5.large',
      InstanceCount: 1,
    },
  };
  const checked = manifestSchema.safeParse(manifest);
  if (!checked.success) throw new KilnError(`manifest.json does not match its schema: ${checked.error.issues[0].path.join('.')}: ${checked.error.issues[0].message}`);
  return checked.data;
}

/** The metrics as JSON will hold them (NaN → null), so the manifest in memory equals the one on disk. */
function plain(v: SplitMetrics | null): Record<string, unknown> | null {
  return v === null ? null : (JSON.parse(JSON.stringify(v)) as Record<string, unknown>);
}

/** The saved threshold rule of a binary model (the ONNX model still returns probabilities); null otherwise. */
function binaryDecision(doc: ModelDoc, classes: readonly string[]): { positiveClass: string; threshold: number } | null {
  const { threshold, positiveClass } = decisionOf(doc);
  const positive = positiveIndex(classes, positiveClass);
  return positive === null ? null : { positiveClass: classes[positive], threshold };
}
