import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'fflate';
import { parseTar } from 'nanotar';
import { exportFiles } from '../core/deploy/exports.ts';
import { parseModelDoc } from '../core/deploy/predict/model-doc-parse.ts';
import { isKilnError } from '../core/errors.ts';
import { FAILURE_LIMIT, type TrainingPaths } from '../core/sagemaker/contract.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import { checkpointSpecHash, decodeCheckpoint, encodeCheckpoint, type TrainCheckpoint } from '../core/train/checkpoint.ts';
import type { TrainedModel } from '../../workers/train/pipeline.ts';
import { metricsDocument, predictionsCsv } from './outputs.ts';

/**
 * The checkpoint file of one spec (SageMaker syncs the folder with CheckpointConfig.S3Uri). Named
 * by the spec's hash, so the trials of a tuning job, which share one S3 prefix, never overwrite
 * or resume each other's.
 *
 * checkpointFile(spec) // → 'kiln-checkpoint-1f0c….bin'
 */
export function checkpointFile(spec: PipelineSpec): string {
  return `kiln-checkpoint-${checkpointSpecHash(spec)}.bin`;
}

/**
 * Writes the model into /opt/ml/model exactly as model.tar.gz of Kiln's SageMaker package unpacks
 * (`<name>/config.pbtxt`, `<name>/1/model.onnx`, `<name>/kiln/` with manifest.json and the
 * monitoring baseline), by unpacking that very tarball; SageMaker tars the folder back up, so the
 * job's model.tar.gz deploys as the package's does. Returns the files written.
 */
export async function writeModelFolder(paths: TrainingPaths, run: TrainedModel): Promise<string[]> {
  const files = await run.files();
  const doc = parseModelDoc(files['preprocessing.json'], 'preprocessing.json');
  const { validation, test } = run.result;
  // SageMaker sets AWS_REGION in training containers; it picks the Triton image named in manifest.json.
  const context = { doc, metrics: { validation, test }, fingerprint: run.fingerprint, createdAt: new Date().toISOString(), region: process.env.AWS_REGION };
  const tarball = exportFiles('sagemaker', files, context)['model.tar.gz'];
  const written: string[] = [];
  for (const entry of parseTar(gunzipSync(tarball))) {
    const path = join(paths.model, entry.name);
    if (entry.type === 'directory') await mkdir(path, { recursive: true });
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, entry.data!);
      written.push(path);
    }
  }
  return written;
}

/** metrics.json and predictions.csv in /opt/ml/output/data, which SageMaker uploads as output.tar.gz. */
export async function writeOutputData(paths: TrainingPaths, run: TrainedModel): Promise<void> {
  const dir = join(paths.root, 'output', 'data');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'metrics.json'), JSON.stringify(metricsDocument(run.result), null, 2) + '\n');
  await writeFile(join(dir, 'predictions.csv'), predictionsCsv(run.result));
}

/** The failure reason SageMaker shows for the job (its first 1024 characters). */
export async function writeFailure(paths: TrainingPaths, message: string): Promise<void> {
  await mkdir(dirname(paths.failure), { recursive: true });
  await writeFile(paths.failure, message.slice(0, FAILURE_LIMIT));
}

/** Saves a checkpoint whole or not at all: a SIGKILL mid-write leaves the previous one. */
export async function saveCheckpoint(paths: TrainingPaths, spec: PipelineSpec, checkpoint: TrainCheckpoint): Promise<void> {
  await mkdir(paths.checkpoints, { recursive: true });
  const path = join(paths.checkpoints, checkpointFile(spec));
  await writeFile(`${path}.partial`, encodeCheckpoint(checkpoint));
  await rename(`${path}.partial`, path);
}

/**
 * The checkpoint a restarted job goes on from, when it was made for this very spec. A damaged or
 * foreign one is reported and ignored: the job trains from the start rather than failing.
 */
export async function loadCheckpoint(paths: TrainingPaths, spec: PipelineSpec, warn: (message: string) => void): Promise<TrainCheckpoint | undefined> {
  const path = join(paths.checkpoints, checkpointFile(spec));
  const bytes = await readFile(path).catch(() => null);
  if (!bytes) return undefined;
  try {
    const checkpoint = decodeCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    if (checkpoint.specHash === checkpointSpecHash(spec)) return checkpoint;
    warn(`${path} was saved for other settings; training from the start`);
  } catch (e) {
    if (!isKilnError(e)) throw e;
    warn(`${path} ${e.message.replace(/^checkpoint: /, '')}`);
  }
  return undefined;
}
