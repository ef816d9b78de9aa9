import type { TrainSpec } from '../../../src/core/spec/schema.ts';
import type { OptimizerState } from '../../../src/core/train/checkpoint.ts';
import { checkOptimizerState } from '../loop/flat-optimizer.ts';

/** The flat optimizer (loop/flat-optimizer.ts) over Float32Arrays, for the fused CPU path. */
export interface HostOptimizer {
  /** Sets the learning rate for the steps that follow (schedules call it each epoch). */
  setRate(rate: number): void;
  /** Updates `params` in place from `grads` (same layout). */
  apply(params: Float32Array, grads: Float32Array): void;
  /** A copy of the step count and slots (for a checkpoint). */
  state(): OptimizerState;
  /** Puts a checkpoint's step count and slots back; a slot of the wrong size is refused. */
  restore(state: OptimizerState): void;
}

type Settings = Pick<TrainSpec, 'optimizer' | 'learningRate' | 'momentum' | 'weightDecay'>;

const f = Math.fround;

/**
 * SGD (with momentum), Adam or RMSprop with weight decay, computing exactly what
 * `createFlatOptimizer` computes on TF.js's CPU backend: the same formulas, float32 constants, and
 * a float32 rounding after every operation where a TF.js kernel would store its result.
 */
export function createHostOptimizer(s: Settings, size: number): HostOptimizer {
  let lr = f(s.learningRate);
  let rate = s.learningRate;
  let t = 0;
  const decay = f(s.weightDecay);
  const slotA = new Float32Array(s.optimizer === 'sgd' && s.momentum <= 0 ? 0 : size);
  const slotB = new Float32Array(s.optimizer === 'adam' ? size : 0);
  const [b1, b1c, b2, b2c, eps, rho, rest, mu] = [0.9, 0.1, 0.999, 0.001, 1e-7, 0.9, 0.1, s.momentum].map(f);
  // Only the slots this optimizer uses, in the flat optimizer's order (Adam: m, v).
  const used = () => [slotA, slotB].filter((slot) => slot.length > 0);
  return {
    state: () => ({ optimizer: s.optimizer, step: t, slots: used().map((slot) => slot.slice()) }),
    restore(state) {
      checkOptimizerState(state, s.optimizer, used().map(() => size));
      t = state.step;
      used().forEach((slot, i) => slot.set(state.slots[i]));
    },
    setRate(next) {
      rate = next;
      lr = f(next);
    },
    apply(params, grads) {
      // Kingma & Ba's folded bias correction, as the flat optimizer's one host scalar per step.
      t++;
      const adamSize = f((rate * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t));
      for (let i = 0; i < size; i++) {
        const w = params[i];
        const g = decay > 0 ? f(grads[i] + f(w * decay)) : grads[i];
        let delta: number;
        if (s.optimizer === 'adam') {
          const m = f(f(slotA[i] * b1) + f(g * b1c));
          const v = f(f(slotB[i] * b2) + f(f(g * g) * b2c));
          slotA[i] = m;
          slotB[i] = v;
          delta = f(f(m * adamSize) / f(f(Math.sqrt(v)) + eps));
        } else if (s.optimizer === 'rmsprop') {
          const ms = f(f(slotA[i] * rho) + f(f(g * g) * rest));
          slotA[i] = ms;
          delta = f(f(g * lr) / f(Math.sqrt(f(ms + eps))));
        } else if (s.momentum > 0) {
          const vel = f(f(slotA[i] * mu) + g);
          slotA[i] = vel;
          delta = f(vel * lr);
        } else delta = f(g * lr);
        params[i] = w - delta;
      }
    },
  };
}
