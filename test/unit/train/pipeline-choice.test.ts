import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import type { PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import type { TrainEvent } from '../../../src/core/train/protocol.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';

// The default table model against a linear one, through the real pipeline on the CPU backend.

/** 150 seeded rows: a straight-line target (plus noise), and a class that is a ring around the origin. */
function tableCsv(): string {
  let s = 11;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const lines = ['a,b,line,ring'];
  for (let i = 0; i < 150; i++) {
    const [a, b] = [rand() * 2, rand() * 2];
    lines.push(`${a},${b},${2 * a - b + rand() * 0.3},${a * a + b * b < 1.3 ? 'inside' : 'outside'}`);
  }
  return lines.join('\n');
}
const data = parseCsv(tableCsv(), 'synthetic.csv');

function specOf(input: Omit<PipelineSpecInput, 'version' | 'data'> & { data: { label: string; features?: string[] } }) {
  const result = validateSpec({ version: 1, backend: 'cpu', ...input, data: { source: 'synthetic.csv', ...input.data } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const dense = (model: tf.LayersModel) => model.layers.filter((l) => l.getClassName() === 'Dense').length;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('trainOn compares the default table model with a linear one', () => {
  it('keeps linear regression for a straight-line target: its curves, one Dense layer, the MLP freed', async () => {
    const events: TrainEvent[] = [];
    const before = tf.memory().numTensors;
    const run = await trainOn(specOf({ data: { label: 'line', features: ['a', 'b'] } }), data, { onEvent: (e) => events.push(e) });
    const choice = run.result.modelChoice!;
    expect(choice.picked).toBe('linear');
    expect(choice.candidates.map((c) => c.preset)).toEqual(['mlp', 'linear']);
    for (const c of choice.candidates) expect(c.valLoss).toBeGreaterThan(0);
    expect(dense(run.model)).toBe(1);
    // The page streamed the MLP's epochs; the result carries the kept model's.
    const streamed = events.filter((e) => e.status === 'epoch');
    expect(streamed).toHaveLength(choice.candidates[0].epochs);
    expect(run.result.history).toHaveLength(choice.candidates[1].epochs);
    const comparing = events.findIndex((e) => e.status === 'initiate' && e.message === 'Comparing with linear regression on the validation rows');
    expect(comparing).toBeGreaterThan(events.map((e) => e.status).lastIndexOf('epoch'));
    expect(events.at(-1)).toEqual({ status: 'done', stopped: false });
    disposeModel(run.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the MLP for a ring-shaped class, with preset auto too, and cross-validates the same choice per fold', async () => {
    const before = tf.memory().numTensors;
    const folds: TrainEvent[] = [];
    const spec = specOf({ data: { label: 'ring', features: ['a', 'b'] }, model: { preset: 'auto' }, split: { folds: 2 } });
    const run = await trainOn(spec, data, { onEvent: (e) => e.status === 'fold' && folds.push(e) });
    expect(run.result.modelChoice?.picked).toBe('mlp');
    expect(run.result.modelChoice?.candidates.map((c) => c.preset)).toEqual(['mlp', 'logistic']);
    expect(run.result.modelChoice!.candidates[1].valLoss!).toBeGreaterThan(run.result.modelChoice!.candidates[0].valLoss! * 2);
    expect(dense(run.model)).toBe(2);
    expect(folds).toHaveLength(2);
    // A ring is beyond any linear boundary: folds scored by the picked MLP are well above chance.
    expect(run.result.crossValidation!.metrics.accuracy.mean).toBeGreaterThan(0.8);
    disposeModel(run.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("does not compare the user's own model, or without validation rows", async () => {
    for (const input of [{ model: { hidden: [8] } }, { split: { train: 0.8, validation: 0, test: 0.2 } }]) {
      const run = await trainOn(specOf({ data: { label: 'ring', features: ['a', 'b'] }, train: { epochs: 3 }, ...input }), data);
      expect(run.result.modelChoice, JSON.stringify(input)).toBeUndefined();
      expect(dense(run.model)).toBe(2);
      disposeModel(run.model);
    }
  });

  it('a Stop during the MLP ends the run there; during the linear model it still compares the two, unless no epoch finished', async () => {
    const before = tf.memory().numTensors;
    const events: TrainEvent[] = [];
    let epochs = 0;
    const stopFirst = await trainOn(specOf({ data: { label: 'ring', features: ['a', 'b'] } }), data, {
      onEvent: (e) => (events.push(e), e.status === 'epoch' && epochs++),
      shouldStop: () => epochs >= 2,
    });
    expect(stopFirst.result.stopped).toBe(true);
    expect(stopFirst.result.modelChoice).toBeUndefined();
    expect(stopFirst.result.history).toHaveLength(2);
    expect(events.some((e) => e.status === 'initiate' && e.message.startsWith('Comparing'))).toBe(false);
    disposeModel(stopFirst.model);

    // Stop polls between batches: 20 polls into the linear model is past its second epoch (7 batches each).
    let comparing = false;
    let polls = 0;
    const stopSecond = await trainOn(specOf({ data: { label: 'ring', features: ['a', 'b'] } }), data, {
      onEvent: (e) => e.status === 'initiate' && e.message.startsWith('Comparing') && (comparing = true),
      shouldStop: () => comparing && ++polls > 20,
    });
    expect(stopSecond.result.stopped).toBe(true);
    const epochsOfLinear = stopSecond.result.modelChoice!.candidates[1].epochs;
    expect(epochsOfLinear).toBeGreaterThanOrEqual(2);
    expect(epochsOfLinear).toBeLessThanOrEqual(3);
    disposeModel(stopSecond.model);

    // Stopped before the linear model's first epoch: nothing to compare, the MLP stands.
    let started = false;
    const stopAtOnce = await trainOn(specOf({ data: { label: 'ring', features: ['a', 'b'] } }), data, {
      onEvent: (e) => e.status === 'initiate' && e.message.startsWith('Comparing') && (started = true),
      shouldStop: () => started,
    });
    expect(stopAtOnce.result.stopped).toBe(true);
    expect(stopAtOnce.result.modelChoice).toBeUndefined();
    expect(dense(stopAtOnce.model)).toBe(2);
    disposeModel(stopAtOnce.model);
    expect(tf.memory().numTensors).toBe(before);
  });
});
