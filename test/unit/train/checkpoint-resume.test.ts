import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import type { ImageSet } from '../../../src/core/collect/image-set.ts';
import { generateShapes } from '../../../src/core/collect/images/shapes.ts';
import type { Table } from '../../../src/core/collect/table.ts';
import { isKilnError } from '../../../src/core/errors.ts';
import type { PipelineSpec, PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { decodeCheckpoint, encodeCheckpoint, type TrainCheckpoint } from '../../../src/core/train/checkpoint.ts';
import type { EpochLogs, TrainEvent } from '../../../src/core/train/protocol.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn, type TrainedModel } from '../../../workers/train/pipeline.ts';

// Real TF.js on its CPU backend in Node: an unbroken run against one stopped after k epochs and
// resumed from its encoded checkpoint. On the CPU backend both must end bit for bit the same.

const iris = parseCsv(readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8'), 'iris.csv');

function specOf(input: Omit<PipelineSpecInput, 'version'>): PipelineSpec {
  const result = validateSpec({ version: 1, backend: 'cpu', ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

/** What must match between runs: weights' bits, the epochs (without timings) and the test scores. */
async function outcome(run: TrainedModel) {
  const weights = await Promise.all(run.model.weights.map(async (w) => Array.from(await w.read().data())));
  const epochs = run.result.history.map(({ ms: _ms, numTensors: _n, ...rest }: EpochLogs) => rest);
  const { test, predictions, bestEpoch, earlyStopped, crossValidation, modelChoice } = run.result;
  disposeModel(run.model);
  return { weights, epochs, test, predictions, bestEpoch, earlyStopped, crossValidation, modelChoice };
}

/** Trains `spec` straight, then again stopped once `k` epochs are checkpointed, then resumes that checkpoint through its bytes. */
async function straightAndResumed(spec: PipelineSpec, data: Table | ImageSet, k: number, onResumedEvent: (e: TrainEvent) => void = () => {}) {
  const straight = await outcome(await trainOn(spec, data));
  let saved: TrainCheckpoint | null = null;
  const broken = await trainOn(spec, data, { onCheckpoint: (c) => void (c.epochsCompleted <= k && (saved = c)), shouldStop: () => saved?.epochsCompleted === k });
  disposeModel(broken.model);
  expect(saved!.epochsCompleted).toBe(k);
  const bytes = encodeCheckpoint(saved!);
  const resumedEpochs: number[] = [];
  const before = tf.memory().numTensors;
  const resumed = await trainOn(spec, data, { resumeFrom: decodeCheckpoint(bytes), onEvent: (e) => {
      if (e.status === 'epoch') resumedEpochs.push(e.logs.epoch);
      onResumedEvent(e);
    },
  });
  const result = await outcome(resumed);
  return { straight, resumed: result, resumedEpochs, bytes: bytes.length, leaked: tf.memory().numTensors - before };
}

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('resuming from a checkpoint ends where an unbroken run ends', () => {
  it('fused CPU path: Adam, plateau schedule, restore-best (iris, 12 epochs, stopped after 5)', async () => {
    const spec = specOf({ data: { source: 'iris.csv', label: 'species' }, model: { hidden: [8] }, train: { epochs: 12, patience: 4, schedule: { type: 'plateau', patience: 2, factor: 0.5 } } });
    const { straight, resumed, resumedEpochs, leaked } = await straightAndResumed(spec, iris, 5);
    expect(resumed).toEqual(straight);
    expect(straight.epochs.length).toBeGreaterThan(5);
    // The first 5 epochs are sent again from the checkpoint's history, then training goes on.
    expect(resumedEpochs).toEqual(straight.epochs.map((e) => e.epoch));
    expect(leaked).toBe(0);
  }, 60_000);

  it('tensor loop: dropout and SGD momentum, cosine schedule (iris, 8 epochs, stopped after 3)', async () => {
    const spec = specOf({
      data: { source: 'iris.csv', label: 'species' },
      model: { layers: [{ type: 'dense', units: 8 }, { type: 'dropout', rate: 0.3 }] },
      train: { epochs: 8, optimizer: 'sgd', momentum: 0.9, learningRate: 0.05, schedule: 'cosine', patience: 0 },
    });
    const { straight, resumed } = await straightAndResumed(spec, iris, 3);
    expect(resumed).toEqual(straight);
    expect(straight.epochs.at(-1)!.epoch).toBe(8);
  }, 60_000);

  it('the default model (then compared with a logistic one) after 3-fold cross-validation, which is not redone', async () => {
    const spec = specOf({ data: { source: 'iris.csv', label: 'species' }, split: { folds: 3 }, train: { epochs: 6 } });
    const folds: number[] = [];
    const { straight, resumed } = await straightAndResumed(spec, iris, 2, (e) => void (e.status === 'fold' && folds.push(e.fold)));
    expect(resumed).toEqual(straight);
    expect(straight.crossValidation?.folds).toBe(3);
    expect(straight.modelChoice?.candidates.map((c) => c.preset)).toEqual(['mlp', 'logistic']);
    expect(folds).toEqual([]); // the resumed run took the folds' scores from the checkpoint
  }, 90_000);

  it('an image CNN with augmentation (12×12 shapes, 3 epochs, stopped after 1)', async () => {
    const set = generateShapes({ perClass: 8, width: 12, height: 12, channels: 1 });
    const spec = specOf({ data: { source: 'shapes', label: 'class', kind: 'images', image: { width: 12, height: 12, channels: 1 } }, model: { filters: [4] }, augment: { enabled: true }, train: { epochs: 3, batchSize: 8 } });
    const { straight, resumed, bytes } = await straightAndResumed(spec, set, 1);
    expect(resumed).toEqual(straight);
    expect(bytes).toBeGreaterThan(1000);
  }, 90_000);

  it('an early-stopped checkpoint resumes to the same stop, without training another epoch', async () => {
    const spec = specOf({ data: { source: 'iris.csv', label: 'species' }, model: { hidden: [8] }, train: { epochs: 200, patience: 2, learningRate: 0.2 } });
    let last: TrainCheckpoint | null = null;
    const straight = await outcome(await trainOn(spec, iris, { onCheckpoint: (c) => void (last = c) }));
    expect(straight.earlyStopped).toBe(true);
    expect(last!.control.earlyStopped).toBe(true);
    const resumed = await outcome(await trainOn(spec, iris, { resumeFrom: decodeCheckpoint(encodeCheckpoint(last!)) }));
    expect(resumed).toEqual(straight);
  }, 60_000);

  it('refuses a checkpoint made for another spec before training anything', async () => {
    const spec = specOf({ data: { source: 'iris.csv', label: 'species' }, model: { hidden: [8] }, train: { epochs: 2 } });
    let saved: TrainCheckpoint | null = null;
    disposeModel((await trainOn(spec, iris, { onCheckpoint: (c) => void (saved = c) })).model);
    const other = specOf({ ...spec, train: { ...spec.train, learningRate: 0.01 } });
    const error = await trainOn(other, iris, { resumeFrom: saved! }).then(() => null, (e: unknown) => e);
    expect(isKilnError(error) && error.message).toMatch(/^checkpoint: was saved for different settings/);
    // The same spec on another backend preference is the same run.
    const again = await trainOn({ ...spec, backend: 'auto' }, iris, { resumeFrom: saved!, backend: 'cpu' });
    expect(again.result.history.map((h) => h.epoch)).toEqual([1, 2]);
    disposeModel(again.model);
  }, 60_000);
});
