import { KilnError } from '../errors.ts';
import { modelName } from '../deploy/sagemaker/names.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';
import { SPEC_CHANNEL, TRAIN_CHANNEL } from './contract.ts';

/** What the user chooses for a job; everything but `createdAt` has a default. */
export interface JobOptions {
  /** The SageMaker execution role; without it the files hold a placeholder run.sh asks for. */
  role?: string;
  bucket?: string;
  region?: string;
  /** Default ml.m5.large: Kiln trains on one CPU thread (WASM), so more cores buy nothing. */
  instanceType?: string;
  /** Managed spot training: cheaper, may be interrupted; the job resumes from its checkpoint. */
  spot?: boolean;
  /** The training image; default `<account of the role>.dkr.ecr.<region>.amazonaws.com/kiln-train:<version>`. */
  image?: string;
  /** A tuning job's MaxParallelTrainingJobs; default 2 (Bayesian learns from finished trials). */
  maxParallel?: number;
  /** Per training job; default one hour. */
  maxRuntimeSeconds?: number;
  /** ISO time: job names carry it, so a re-run never collides with an old job. */
  createdAt: string;
  /** Table or images: decides Kiln's default search space. */
  kind: 'table' | 'images';
  /** The task the data calls for (the spec's, or detected from the label). */
  task: TaskKind;
  /** Kiln's version, the image tag. */
  kilnVersion: string;
}

/** Where the data comes from: a local file or folder run.sh uploads, an S3 URI as it is, or none (generated shapes). */
export type DataChannel = { kind: 'upload'; path: string } | { kind: 's3'; uri: string } | { kind: 'generated' };

/** Everything the request builders and scripts share, settled once. */
export interface JobPlan {
  /** SageMaker-safe stem from the data's name, e.g. `kiln-iris`. */
  name: string;
  trainingJobName: string;
  /** Tuning job names are at most 32 characters. */
  tuningJobName: string;
  region: string;
  bucket: string;
  role: string;
  image: string;
  instanceType: string;
  spot: boolean;
  maxParallel: number;
  maxRuntimeSeconds: number;
  /** s3://bucket/kiln/<name> */
  prefix: string;
  data: DataChannel;
  channels: { train: string; spec: string };
  kind: 'table' | 'images';
  task: TaskKind;
  kilnVersion: string;
}

/** Placeholders written when the user gave no role or bucket; run.sh refuses to start with them. */
export const ROLE_PLACEHOLDER = 'arn:aws:iam::111122223333:role/REPLACE-WITH-YOUR-SAGEMAKER-ROLE';
export const BUCKET_PLACEHOLDER = 'replace-with-your-bucket';
const instancePattern = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;
const rolePattern = /^arn:aws[a-z-]*:iam::(\d{12}):role\/?[\w+=,.@/-]+$/;

/**
 * Settles names, S3 locations and resources for a spec's jobs, refusing what SageMaker cannot
 * do: a data source it cannot read (http URLs), a malformed role, bucket or instance type.
 *
 * planJob(spec, { createdAt: '2026-11-30T03:50:00Z', kind: 'table', task: 'classification', kilnVersion: '0.1.0' }).trainingJobName
 * // → 'kiln-iris-20261130-035000'
 */
export function planJob(spec: PipelineSpec, o: JobOptions): JobPlan {
  const region = o.region ?? 'us-east-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new KilnError(`'${region}' is not an AWS region name such as us-east-1`, { path: '--region' });
  const role = o.role ?? ROLE_PLACEHOLDER;
  const account = rolePattern.exec(role)?.[1];
  if (!account) throw new KilnError(`'${role}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerRole`, { path: '--role' });
  const bucket = o.bucket ?? BUCKET_PLACEHOLDER;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new KilnError(`'${bucket}' is not an S3 bucket name (3-63 lower-case letters, digits, dots and dashes)`, { path: '--bucket' });
  const instanceType = o.instanceType ?? 'ml.m5.large';
  if (!instancePattern.test(instanceType)) throw new KilnError(`'${instanceType}' is not a SageMaker instance type such as ml.m5.large`, { path: '--instance-type' });
  const maxParallel = o.maxParallel ?? 2;
  const maxRuntimeSeconds = o.maxRuntimeSeconds ?? 3600;
  const data = dataChannel(spec.data.source);
  const base = `kiln-${modelName(sourceStem(spec.data.source), 40)}`;
  const stamp = o.createdAt.replace(/\.\d+/, '').replace(/[-:]/g, '').replace('T', '-').replace(/Z$/, '');
  const name = modelName(base, 40);
  const prefix = `s3://${bucket}/kiln/${name}`;
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    name,
    trainingJobName: `${modelName(name, 63 - stamp.length - 1)}-${stamp}`,
    tuningJobName: `${modelName(name, 32 - stamp.length - 1)}-${stamp}`,
    region,
    bucket,
    role,
    image: o.image ?? `${account}.dkr.ecr.${region}.${domain}/kiln-train:${o.kilnVersion}`,
    instanceType,
    spot: o.spot ?? false,
    maxParallel,
    maxRuntimeSeconds,
    prefix,
    data,
    channels: { train: data.kind === 's3' ? data.uri : `${prefix}/input/${TRAIN_CHANNEL}/`, spec: `${prefix}/input/${SPEC_CHANNEL}/` },
    kind: o.kind,
    task: o.task,
    kilnVersion: o.kilnVersion,
  };
}

/** The data's name without folders or extension: 'data/penguins.csv' → 'penguins'. */
function sourceStem(source: string): string {
  return source.replace(/[\\/]+$/, '').split(/[\\/]/).pop()!.replace(/\.[a-z0-9]+$/i, '') || 'model';
}

/** How the job reads `data.source`: S3 as it is, a local path uploaded, `shapes` generated in the container. */
function dataChannel(source: string): DataChannel {
  if (source === 'shapes') return { kind: 'generated' };
  if (/^s3:\/\/[^/]+/i.test(source)) return { kind: 's3', uri: source };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1];
  if (scheme) {
    throw new KilnError(
      `is a ${scheme}:// address, which a SageMaker training job cannot read (its channels come from S3): download the file and point data.source at it (run.sh uploads it), or give an s3:// URI`,
      { path: 'data.source' },
    );
  }
  return { kind: 'upload', path: source };
}
