import * as tf from '@tensorflow/tfjs';
import type { TrainSpec } from '../../../src/core/spec/schema.ts';
import { KilnError } from '../../../src/core/errors.ts';
import type { OptimizerState } from '../../../src/core/train/checkpoint.ts';

/** One optimizer step over all of a model's weights at once. */
export interface FlatOptimizer {
  /** Sets the learning rate for the steps that follow (schedules call it each epoch). */
  setRate(rate: number): void;
  /** Updates `vars` from their gradients, in the same order; call inside a tidy. */
  apply(grads: tf.Tensor[]): void;
  /** Reads the step count and slots (for a checkpoint). */
  state(): Promise<OptimizerState>;
  /** Puts a checkpoint's step count and slots back; a slot of the wrong size is refused. */
  restore(state: OptimizerState): void;
  dispose(): void;
}

type Settings = Pick<TrainSpec, 'optimizer' | 'learningRate' | 'momentum' | 'weightDecay'>;

/**
 * SGD (with momentum), Adam or RMSprop with TF.js's defaults (β 0.9/0.999, ρ 0.9, ε 1e-7), applied
 * to all weights as one flat vector: a model with 6 weight tensors costs ~20 small kernels per step
 * instead of TF.js's ~80, which is most of a small model's step time on a GPU. Weight decay adds
 * `decay · w` to each gradient (L2).
 */
export function createFlatOptimizer(settings: Settings, vars: tf.Variable[]): FlatOptimizer {
  const sizes = vars.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const kept: tf.Tensor[] = [];
  const constant = (v: number) => {
    const t = tf.scalar(v);
    kept.push(t);
    return t;
  };
  const slots: tf.Variable[] = [];
  const slot = () => {
    const t = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    kept.push(t);
    slots.push(t);
    return t;
  };
  let rate = settings.learningRate;
  let lr = constant(rate);
  let t = 0;
  const decay = settings.weightDecay > 0 ? constant(settings.weightDecay) : null;
  const update = makeRule(settings, slot, constant, () => lr, () => rate, () => ++t);
  return {
    setRate(next) {
      if (next === rate) return;
      rate = next;
      lr.dispose();
      kept.splice(kept.indexOf(lr), 1);
      lr = constant(rate);
    },
    apply(grads) {
      let g = tf.concat(grads.map((x) => x.reshape([-1])));
      if (decay) g = g.add(tf.concat(vars.map((v) => v.reshape([-1]))).mul(decay));
      const delta = update(g);
      const parts = vars.length === 1 ? [delta] : tf.split(delta, sizes);
      vars.forEach((v, i) => v.assign(v.sub(parts[i].reshape(v.shape))));
    },
    async state() {
      const values = await Promise.all(slots.map((v) => v.data() as Promise<Float32Array>));
      return { optimizer: settings.optimizer, step: t, slots: values };
    },
    restore(state) {
      checkOptimizerState(state, settings.optimizer, slots.map(() => total));
      t = state.step;
      slots.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor1d(state.slots[i], 'float32'))));
    },
    dispose: () => tf.dispose(kept),
  };
}

/** Throws unless `state` is the state of this optimizer over weights of this size (both loops share the layout). */
export function checkOptimizerState(state: OptimizerState, optimizer: Settings['optimizer'], sizes: number[]): void {
  const fits = state.optimizer === optimizer && state.slots.length === sizes.length && state.slots.every((s, i) => s.length === sizes[i]);
  if (!fits) throw new KilnError(`holds ${state.optimizer} state for ${state.slots.map((s) => s.length).join('+') || 'no'} values, but this run trains with ${optimizer} over ${sizes.join('+') || 'no'} values; train from the start`, { path: 'checkpoint' });
}

/** The flat update (what to subtract from the weights) for one optimizer. */
function makeRule(
  s: Settings,
  slot: () => tf.Variable,
  constant: (v: number) => tf.Tensor,
  lr: () => tf.Tensor,
  rate: () => number,
  tick: () => number,
): (g: tf.Tensor) => tf.Tensor {
  if (s.optimizer === 'sgd') {
    if (s.momentum <= 0) return (g) => g.mul(lr());
    const [velocity, mu] = [slot(), constant(s.momentum)];
    return (g) => {
      const next = velocity.mul(mu).add(g);
      velocity.assign(next);
      return next.mul(lr());
    };
  }
  if (s.optimizer === 'rmsprop') {
    const [meanSquare, rho, rest, eps] = [slot(), constant(0.9), constant(0.1), constant(1e-7)];
    return (g) => {
      const next = meanSquare.mul(rho).add(g.square().mul(rest));
      meanSquare.assign(next);
      return g.mul(lr()).div(next.add(eps).sqrt());
    };
  }
  const [m, v, b1, b1c, b2, b2c, eps] = [slot(), slot(), constant(0.9), constant(0.1), constant(0.999), constant(0.001), constant(1e-7)];
  return (g) => {
    const step = tick();
    const nextM = m.mul(b1).add(g.mul(b1c));
    const nextV = v.mul(b2).add(g.square().mul(b2c));
    m.assign(nextM);
    v.assign(nextV);
    // Kingma & Ba's folded bias correction: one host scalar per step instead of four kernels.
    const size = tf.scalar((rate() * Math.sqrt(1 - 0.999 ** step)) / (1 - 0.9 ** step));
    return nextM.mul(size).div(nextV.sqrt().add(eps));
  };
}
