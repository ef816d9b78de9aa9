import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import type { PipelineSpec, PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import type { TuneEvent } from '../../../src/core/tune/protocol.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';
import { runTuning } from '../../../workers/tune/run-tuning.ts';

// Real TF.js on its CPU backend: Iris (150 rows), 4 grid trials of 2 epochs, about a second in all.
const iris = parseCsv(readFileSync('public/data/iris.csv', 'utf8'), 'iris.csv');

function spec(input: Partial<PipelineSpecInput>): PipelineSpec {
  const result = validateSpec({ version: 1, backend: 'cpu', data: { source: 'iris.csv', label: 'species' }, model: { hidden: [8] }, train: { epochs: 2 }, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

// Grid order: the last range varies fastest, so trials 2 and 4 carry dropout 0.95, which the
// spec refuses (model.dropout ≤ 0.9): they must fail with that message and never win.
const space = {
  'train.learningRate': { type: 'categorical', values: [0.003, 0.05] },
  'model.dropout': { type: 'categorical', values: [0, 0.95] },
} as const;
const gridSpec = (objective: string) => spec({ tuning: { strategy: 'grid', maxTrials: 4, objective: objective as 'validation.loss', space: structuredClone(space) as never } });

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('runTuning: a grid of 4 trials on Iris, cpu, 2 epochs each', () => {
  it('reports trials in order, scores them on validation, fails invalid ones, retrains the best; tensors flat', async () => {
    const events: TuneEvent[] = [];
    const before = tf.memory().numTensors;
    const { report, trained } = await runTuning(gridSpec('validation.accuracy'), iris, { onEvent: (e) => events.push(e) });
    const held = tf.memory().numTensors - before;

    expect(report).toMatchObject({ strategy: 'grid', objective: 'validation.accuracy', direction: 'maximize', maxTrials: 4, stopped: false });
    expect(report.trials.map((t) => [t.id, t.hyperparameters['train.learningRate'], t.hyperparameters['model.dropout'], t.status])).toEqual([
      [1, 0.003, 0, 'completed'],
      [2, 0.003, 0.95, 'failed'],
      [3, 0.05, 0, 'completed'],
      [4, 0.05, 0.95, 'failed'],
    ]);
    for (const failed of [report.trials[1], report.trials[3]]) {
      expect(failed).toMatchObject({ objective: null, epochs: 0 });
      expect(failed.message).toMatch(/^model\.dropout: /);
    }
    expect(report.trials[0].epochs).toBe(2);
    expect(events.filter((e) => e.status === 'trial-start').map((e) => e.status === 'trial-start' && e.trial.id)).toEqual([1, 2, 3, 4]);
    expect(events.filter((e) => e.status === 'trial-epoch')).toHaveLength(4);

    // The objective is the trial's validation accuracy: train trial 3's spec alone and compare.
    const alone = await trainOn(spec({ train: { epochs: 2, learningRate: 0.05 }, model: { hidden: [8], dropout: 0 } }), iris);
    const aloneHeld = tf.memory().numTensors - before - held;
    disposeModel(alone.model);
    if (alone.result.validation?.task !== 'classification') throw new Error('expected classification');
    expect(report.trials[2].objective).toBe(alone.result.validation.metrics.accuracy);

    // Best by direction among completed trials (the earliest wins a tie), and the final model is that trial retrained.
    const [a, b] = [report.trials[0].objective!, report.trials[2].objective!];
    expect(report.bestId).toBe(b > a ? 3 : 1);
    const statuses = events.map((e) => e.status);
    expect(statuses.slice(statuses.indexOf('retrain'))).toEqual(['retrain', 'initiate', 'backend', 'split', 'epoch', 'epoch', 'done']);
    const final = trained!.result;
    if (final.validation?.task !== 'classification') throw new Error('expected classification');
    expect(final.validation.metrics.accuracy).toBe(Math.max(a, b));
    expect(final.spec.train.learningRate).toBe(report.bestId === 3 ? 0.05 : 0.003);

    // Only the final model's tensors stay: exactly what one plain training run holds.
    expect(held).toBe(aloneHeld);
    disposeModel(trained!.model);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('minimises validation.loss: the best trial has the lowest loss', async () => {
    const { report, trained } = await runTuning(gridSpec('validation.loss'), iris);
    disposeModel(trained!.model);
    expect(report.direction).toBe('minimize');
    const done = report.trials.filter((t) => t.status === 'completed');
    expect(done).toHaveLength(2);
    const lowest = done.reduce((x, y) => (y.objective! < x.objective! ? y : x));
    expect(report.bestId).toBe(lowest.id);
    expect(trained!.result.history.at(-1)!.valLoss).toBe(lowest.objective);
  }, 60_000);

  it('stops during a trial: that trial is stopped, no later trial runs, no model is kept', async () => {
    const before = tf.memory().numTensors;
    let stop = false;
    const onEvent = (e: TuneEvent) => void (e.status === 'trial-epoch' && e.id === 3 && (stop = true));
    const { report, trained } = await runTuning(gridSpec('validation.accuracy'), iris, { onEvent, shouldStop: () => stop });
    expect(trained).toBeNull();
    expect(report.stopped).toBe(true);
    expect(report.trials.map((t) => t.status)).toEqual(['completed', 'failed', 'stopped']);
    expect(report.trials[2]).toMatchObject({ epochs: 1, objective: null });
    expect(report.bestId).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('refuses up front a spec without a validation split, naming split.validation', async () => {
    const noValidation = spec({ split: { train: 0.8, validation: 0, test: 0.2 }, tuning: { strategy: 'random', maxTrials: 2 } });
    await expect(runTuning(noValidation, iris)).rejects.toThrow(/^split\.validation: is 0, but tuning compares trials on the validation split/);
    const wrongMetric = spec({ tuning: { objective: 'validation.rmse' } });
    await expect(runTuning(wrongMetric, iris)).rejects.toThrow(/^tuning\.objective: validation\.rmse is a regression metric/);
  });
});
