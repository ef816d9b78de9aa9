import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KilnError } from '../core/errors.ts';
import { SPEC_CHANNEL, TRAIN_CHANNEL, type TrainingPaths } from '../core/sagemaker/contract.ts';
import { applyHyperparameterStrings, isTuningTrial, readHyperparameters } from '../core/sagemaker/hyperparameters.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';

/** What a training job trains: the spec as the job's settings make it, and where its data is. */
export interface JobInputs {
  /** The spec with the hyperparameters applied, its `tuning` dropped (SageMaker runs the search). */
  spec: PipelineSpec;
  /** Absolute path of the data (a CSV, a .zip, or a folder of class folders); null for generated shapes. */
  dataPath: string | null;
}

/** Files and folders in a directory, hidden ones (SageMaker's manifests, .DS_Store) left out; null when it does not exist. */
async function listChannel(dir: string): Promise<{ files: string[]; folders: string[] } | null> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return null;
  const visible = entries.filter((e) => !e.name.startsWith('.'));
  return { files: visible.filter((e) => e.isFile()).map((e) => e.name).sort(), folders: visible.filter((e) => e.isDirectory()).map((e) => e.name).sort() };
}

async function readJson(path: string, what: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new KilnError(`${what} is not valid JSON (${(e as Error).message})`, { file: path });
  }
}

/** The spec channel's one .json file (spec.json preferred), or null without a spec channel. */
async function readSpecChannel(paths: TrainingPaths): Promise<unknown> {
  const dir = paths.channel(SPEC_CHANNEL);
  const listing = await listChannel(dir);
  if (!listing) return null;
  const json = listing.files.filter((f) => /\.json$/i.test(f));
  const pick = json.includes('spec.json') ? 'spec.json' : json.length === 1 ? json[0] : null;
  if (!pick) throw new KilnError(json.length === 0 ? "holds no .json file: put the pipeline spec there as spec.json" : `holds ${json.length} .json files (${json.join(', ')}): keep one, or name the spec spec.json`, { file: dir });
  return readJson(join(dir, pick), 'the spec');
}

/**
 * The data in the train channel: class folders make it an image folder; otherwise the file named
 * like the spec's data.source, or the only file there.
 */
async function findData(paths: TrainingPaths, source: string, kind: string): Promise<string | null> {
  const dir = paths.channel(TRAIN_CHANNEL);
  const listing = await listChannel(dir);
  if (!listing) {
    if (source === 'shapes') return null;
    throw new KilnError(`there is no '${TRAIN_CHANNEL}' channel (${dir}): give the job an InputDataConfig channel named '${TRAIN_CHANNEL}' holding the data`, { path: 'InputDataConfig' });
  }
  if (listing.folders.length > 0 && kind !== 'table') return dir;
  const wanted = basename(source);
  if (listing.files.includes(wanted)) return join(dir, wanted);
  if (listing.files.length === 1) return join(dir, listing.files[0]);
  throw new KilnError(
    listing.files.length === 0
      ? 'is empty: upload a CSV, a .zip of class folders, or the class folders themselves'
      : `holds ${listing.files.length} files (${listing.files.slice(0, 5).join(', ')}${listing.files.length > 5 ? ', …' : ''})${wanted === TRAIN_CHANNEL ? '' : ` and none is named ${wanted}`}: keep one, or name it in the spec's data.source`,
    { file: dir },
  );
}

/**
 * Reads a job's settings as SageMaker lays them out: hyperparameters.json (strings, dotted spec
 * paths), the spec channel (or, without one, a spec built from the `data.label` hyperparameter)
 * and the train channel.
 *
 * await readJobInputs(trainingPaths('/tmp/ml')) // → { spec: { …, train: { learningRate: 0.01, … } }, dataPath: '/tmp/ml/input/data/train/iris.csv' }
 */
export async function readJobInputs(paths: TrainingPaths): Promise<JobInputs> {
  const hyper = readHyperparameters((await readJson(paths.hyperparameters, 'hyperparameters.json')) ?? {});
  let specJson = await readSpecChannel(paths);
  if (specJson === null) {
    if (!hyper['data.label']) {
      throw new KilnError(`no spec: give the job a '${SPEC_CHANNEL}' channel holding the spec JSON, or a 'data.label' hyperparameter naming the label column`, { file: paths.hyperparameters });
    }
    specJson = { version: 1, data: { source: TRAIN_CHANNEL, label: hyper['data.label'] } };
  }
  const applied = applyHyperparameterStrings(specJson, hyper);
  const { tuning: _, ...spec } = applied;
  // A tuning trial is scored on the validation split only, as Kiln's own tuner does: no k-fold.
  const trial: PipelineSpec = isTuningTrial(hyper) ? { ...spec, split: { ...spec.split, folds: undefined } } : spec;
  const dataPath = await findData(paths, trial.data.source, trial.data.kind);
  if (dataPath && (await stat(dataPath)).isFile() && trial.data.source === TRAIN_CHANNEL) {
    // Built from hyperparameters: name the data after its file, as a spec would.
    return { spec: { ...trial, data: { ...trial.data, source: basename(dataPath) } }, dataPath };
  }
  return { spec: trial, dataPath };
}
