import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import type { EpochLogs } from '../../../src/core/train/protocol.ts';
import { fitModel, measureThroughput, type FitOptions, type TensorSplit } from '../../../workers/train/fit.ts';
import { planFused } from '../../../workers/train/fused/plan.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { compileFor } from '../../../workers/train/optimizer.ts';
import { clusters, trainSpec } from './loop-helpers.ts';

// The fused CPU path (hand-written loops for Dense-only models) against the generic tensor loop,
// the reference: the same seeded model and data, trained both ways, must end with the same weights.

let train: TensorSplit;
let val: TensorSplit;
let regression: { train: TensorSplit; val: TensorSplit };
beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  train = clusters(30, 1, [40, 25, 12]);
  val = clusters(15, 2);
  // A smooth nonlinear target of the same features.
  const target = (s: TensorSplit) => tf.tidy(() => s.x.slice([0, 0], [-1, 1]).sin().add(s.x.slice([0, 1], [-1, 1]).mul(0.5)).add(s.x.slice([0, 2], [-1, 1]).square().mul(0.2)) as tf.Tensor2D);
  regression = { train: { ...train, y: target(train) }, val: { ...val, y: target(val) } };
});
afterAll(() => tf.dispose([train.x, train.y, val.x, val.y, regression.train.y, regression.val.y]));

type Act = 'relu' | 'elu' | 'tanh' | 'sigmoid' | 'linear';

/** A seeded MLP 4 → hidden… → outputs, compiled like Kiln's. */
function mlp(hidden: [number, Act][], outputs: number, useBias = true): tf.LayersModel {
  const model = tf.sequential();
  hidden.forEach(([units, activation], i) =>
    model.add(tf.layers.dense({ units, activation, useBias, inputShape: i === 0 ? [4] : undefined, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 + i }) })),
  );
  model.add(tf.layers.dense({ units: outputs, activation: outputs > 1 ? 'softmax' : 'linear', kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }));
  return model;
}

/** Trains two copies of the same model, generic and fused; returns both weight vectors, histories and engines. */
async function both(make: () => tf.LayersModel, input: PipelineSpecInput['train'], data = { train, val }, extra: Partial<FitOptions> = {}) {
  const spec = trainSpec(input);
  const task = data.train.y.shape[1] > 1 ? ('classification' as const) : ('regression' as const);
  const run = async (engine: 'auto' | 'generic') => {
    const model = compileFor(make(), spec, task);
    const history: EpochLogs[] = [];
    const outcome = await fitModel(model, data.train, data.val, { task, seed: 7, classes: ['a', 'b', 'c'], shouldStop: () => false, ...extra, train: spec, engine, onEpoch: (l) => history.push(l) });
    const weights = model.trainableWeights.map((w) => Array.from(w.read().dataSync()));
    disposeModel(model);
    return { weights, history, outcome };
  };
  return { generic: await run('generic'), fused: await run('auto') };
}

/** Largest |a − b| over all weights, relative to the largest |b| of the same tensor. */
function relativeGap(a: number[][], b: number[][]): number {
  return Math.max(...a.map((t, i) => Math.max(...t.map((v, j) => Math.abs(v - b[i][j]))) / Math.max(...b[i].map(Math.abs))));
}

describe('the fused CPU path', () => {
  const cases: [string, () => tf.LayersModel, PipelineSpecInput['train'], 'classification' | 'regression'][] = [
    ['adam, relu, weight decay, class weights, cosine', () => mlp([[12, 'relu'], [8, 'relu']], 3), { optimizer: 'adam', learningRate: 0.01, weightDecay: 0.01, classWeights: 'balanced', schedule: 'cosine' }, 'classification'],
    ['sgd with momentum, tanh and sigmoid, a short last batch', () => mlp([[10, 'tanh'], [6, 'sigmoid']], 3), { optimizer: 'sgd', learningRate: 0.1, momentum: 0.9, batchSize: 13 }, 'classification'],
    ['rmsprop, elu, no bias, step schedule', () => mlp([[10, 'elu']], 3, false), { optimizer: 'rmsprop', learningRate: 0.005, schedule: { type: 'step', every: 2, factor: 0.5 } }, 'classification'],
    ['plain sgd, linear hidden, mse', () => mlp([[8, 'linear'], [8, 'relu']], 1), { optimizer: 'sgd', learningRate: 0.05, weightDecay: 0.001 }, 'regression'],
    ['adam, mae', () => mlp([[8, 'relu']], 1), { optimizer: 'adam', learningRate: 0.01, loss: 'mae' }, 'regression'],
    ['adam, huber', () => mlp([[8, 'tanh']], 1), { optimizer: 'adam', learningRate: 0.01, loss: 'huber', huberDelta: 0.3 }, 'regression'],
  ];
  for (const [name, make, settings, task] of cases) {
    it(`ends with the generic loop's weights and losses: ${name}`, async () => {
      const { generic, fused } = await both(make, { epochs: 5, batchSize: 16, ...settings }, task === 'regression' ? regression : { train, val });
      expect(generic.outcome.engine).toBe('generic');
      expect(fused.outcome.engine).toBe('fused');
      expect(relativeGap(fused.weights, generic.weights)).toBeLessThan(1e-5);
      fused.history.forEach((h, i) => {
        expect(h.loss).toBeCloseTo(generic.history[i].loss, 5);
        expect(h.valLoss!).toBeCloseTo(generic.history[i].valLoss!, 5);
        expect(h.lr).toBe(generic.history[i].lr);
        if (task === 'classification') expect(h.acc).toBe(generic.history[i].acc);
      });
    });
  }

  it('keeps the tensor count flat across epochs and after the run, with restore-best', async () => {
    const spec = trainSpec({ epochs: 8, batchSize: 8, learningRate: 0.02, earlyStopping: { metric: 'valLoss', patience: 20, restoreBest: true } });
    const model = compileFor(mlp([[12, 'relu']], 3), spec, 'classification');
    const before = tf.memory().numTensors;
    const history: EpochLogs[] = [];
    const outcome = await fitModel(model, train, val, { task: 'classification', seed: 1, shouldStop: () => false, train: spec, onEpoch: (l) => history.push(l) });
    expect(outcome.engine).toBe('fused');
    expect(history.map((h) => h.numTensors)).toEqual(history.map(() => history[0].numTensors));
    expect(tf.memory().numTensors).toBe(before);
    expect(outcome.bestEpoch).toBeGreaterThan(0);
    disposeModel(model);
  });

  it('writes the weights back when stopped mid-epoch: the same weights as the generic loop stopped at the same batch', async () => {
    const stopAfter = (calls: number) => {
      let seen = 0;
      return () => ++seen > calls;
    };
    const { generic, fused } = await both(() => mlp([[12, 'relu']], 3), { epochs: 4, batchSize: 10 }, { train, val }, {});
    expect(fused.outcome.stopped).toBe(false);
    const stopped = await (async () => {
      const [a, b] = [stopAfter(15), stopAfter(15)];
      const spec = trainSpec({ epochs: 4, batchSize: 10 });
      const out: number[][][] = [];
      for (const [engine, shouldStop] of [['generic', a], ['auto', b]] as const) {
        const model = compileFor(mlp([[12, 'relu']], 3), spec, 'classification');
        const outcome = await fitModel(model, train, val, { task: 'classification', seed: 7, train: spec, engine, shouldStop, onEpoch: () => {} });
        expect(outcome.stopped).toBe(true);
        out.push(model.trainableWeights.map((w) => Array.from(w.read().dataSync())));
        disposeModel(model);
      }
      return out;
    })();
    expect(relativeGap(stopped[1], stopped[0])).toBeLessThan(1e-5);
    // And the stopped weights are neither the start nor the end of a full run.
    expect(relativeGap(stopped[1], fused.weights)).toBeGreaterThan(1e-3);
    expect(relativeGap(generic.weights, fused.weights)).toBeLessThan(1e-5);
  });

  it('times a Dense model for the backend choice on the fused path, leaking nothing', async () => {
    const model = mlp([[12, 'relu']], 3);
    const before = tf.memory().numTensors;
    const rate = await measureThroughput(model, train, 16, 50);
    expect(rate).toBeGreaterThan(0);
    expect(Number.isFinite(rate)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('falls back to the generic loop, saying why, for what it does not compute', () => {
    const withDropout = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [4] }), tf.layers.dropout({ rate: 0.5 }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
    const regularized = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax', kernelRegularizer: tf.regularizers.l2() })] });
    const swish = mlp([[4, 'swish' as Act]], 3);
    const softmaxMse = mlp([[4, 'relu']], 3);
    expect(planFused(withDropout, 'crossEntropy')).toBe('layer 1 is Dropout');
    expect(planFused(regularized, 'crossEntropy')).toBe('layer 0 has a kernelRegularizer');
    expect(planFused(swish, 'crossEntropy')).toBe("layer 0's swish activation with the crossEntropy loss");
    expect(planFused(softmaxMse, 'mse')).toBe("layer 1's softmax activation with the mse loss");
    expect(planFused(softmaxMse, 'crossEntropy')).toMatchObject({ layers: [{ inputs: 4, units: 4, activation: 'relu', bias: true }, { inputs: 4, units: 3, activation: 'linear' }] });
    for (const m of [withDropout, regularized, swish, softmaxMse]) m.dispose();
  });
});
