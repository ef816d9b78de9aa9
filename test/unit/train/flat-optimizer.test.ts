import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFlatOptimizer } from '../../../workers/train/loop/flat-optimizer.ts';

// The fused optimizer against TF.js's own optimizers, the reference: same weights, same gradients,
// a few steps, the same result.

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** Runs `steps` updates of a small quadratic loss with both optimizers and returns both weight sets. */
function race(settings: { optimizer: 'adam' | 'sgd' | 'rmsprop'; learningRate: number; momentum: number }, steps: number): [number[], number[]] {
  const start = [tf.tensor2d([[0.5, -1], [2, 0.25]]), tf.tensor1d([0.1, -0.3])];
  const ours = start.map((t) => tf.variable(t.clone()));
  const theirs = start.map((t) => tf.variable(t.clone()));
  const loss = (vs: tf.Variable[]) => () => tf.tidy(() => vs[0].square().sum().add(vs[1].sub(1).abs().sum()).mul(0.5) as tf.Scalar);
  const flat = createFlatOptimizer({ ...settings, weightDecay: 0 }, ours);
  const reference =
    settings.optimizer === 'adam' ? tf.train.adam(settings.learningRate) : settings.optimizer === 'rmsprop' ? tf.train.rmsprop(settings.learningRate) : tf.train.momentum(settings.learningRate, settings.momentum);
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(loss(ours), ours);
      flat.apply(ours.map((v) => grads[v.name]));
    });
    reference.minimize(loss(theirs), false, theirs);
  }
  const read = (vs: tf.Variable[]) => vs.flatMap((v) => Array.from(v.dataSync()));
  const result: [number[], number[]] = [read(ours), read(theirs)];
  flat.dispose();
  reference.dispose();
  tf.dispose([...start, ...ours, ...theirs]);
  return result;
}

describe('the flat optimizer', () => {
  for (const settings of [
    { optimizer: 'sgd', learningRate: 0.1, momentum: 0.9 },
    { optimizer: 'rmsprop', learningRate: 0.01, momentum: 0 },
    { optimizer: 'adam', learningRate: 0.01, momentum: 0 },
  ] as const) {
    it(`matches tf.train's ${settings.optimizer} over 5 steps`, () => {
      const [ours, theirs] = race(settings, 5);
      expect(ours).not.toEqual([0.5, -1, 2, 0.25, 0.1, -0.3]);
      ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 5));
    });
  }

  it('weight decay shrinks weights that have no gradient', () => {
    const w = tf.variable(tf.tensor1d([2, -4]));
    const opt = createFlatOptimizer({ optimizer: 'sgd', learningRate: 0.5, momentum: 0, weightDecay: 0.1 }, [w]);
    tf.tidy(() => opt.apply([tf.zeros([2])]));
    const [a, b] = w.dataSync();
    expect(a).toBeCloseTo(1.9, 6);
    expect(b).toBeCloseTo(-3.8, 6);
    opt.dispose();
    w.dispose();
  });
});
