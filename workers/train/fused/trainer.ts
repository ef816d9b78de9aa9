import * as tf from '@tensorflow/tfjs';
import type { TrainSpec } from '../../../src/core/spec/schema.ts';
import type { OptimizerState } from '../../../src/core/train/checkpoint.ts';
import { epochOrder, progressEveryMs, type EpochHooks, type EpochRun } from '../loop/epoch.ts';
import { DenseNet } from './dense-net.ts';
import { headStep, type BatchTargets } from './head.ts';
import { createHostOptimizer, type HostOptimizer } from './host-optimizer.ts';
import type { DensePlan } from './plan.ts';

/** The host copy of a training split: rows of features and targets, and a loss weight per row. */
export interface HostSplit {
  x: Float32Array;
  y: Float32Array;
  n: number;
  /** Per-row class weight, or null. */
  weights: Float32Array | null;
}

/** The train settings a fused run reads. */
export type FusedSettings = Pick<TrainSpec, 'optimizer' | 'learningRate' | 'momentum' | 'weightDecay' | 'huberDelta' | 'batchSize'>;

/**
 * Kiln's loop for Dense-only models on the CPU backend: the weights and the optimizer's state
 * live in Float32Arrays, each step is hand-written loops (no tensors, no kernels), and the weights
 * are written back into the model's variables at every epoch end and whenever a run stops, so
 * evaluation, checkpoints, early stopping and export see them as usual.
 */
export class FusedTrainer {
  readonly #net: DenseNet;
  readonly #opt: HostOptimizer;
  readonly #vars: tf.Variable[];
  readonly #target: BatchTargets;
  readonly #outputs: number;
  readonly #huberDelta: number;

  private constructor(
    readonly plan: DensePlan,
    vars: tf.Variable[],
    spec: FusedSettings,
    readonly data: HostSplit,
  ) {
    const batch = Math.max(1, Math.min(spec.batchSize, data.n));
    this.#net = new DenseNet(plan, batch);
    this.#opt = createHostOptimizer(spec, this.#net.size);
    this.#vars = vars;
    this.#outputs = plan.layers.at(-1)!.units;
    this.#target = { y: new Float32Array(batch * this.#outputs), weights: data.weights ? new Float32Array(batch) : null };
    this.#huberDelta = spec.huberDelta;
  }

  /** Reads the model's weights and the split once; `rowWeights` are per-class loss weights (or null). */
  static async create(
    plan: DensePlan,
    model: tf.LayersModel,
    spec: FusedSettings,
    train: { x: tf.Tensor; y: tf.Tensor; n: number },
    classWeights: readonly number[] | null,
  ): Promise<FusedTrainer> {
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const [x, y] = [(await train.x.data()) as Float32Array, (await train.y.data()) as Float32Array];
    const outputs = plan.layers.at(-1)!.units;
    // As the generic loop's Σ y·w on the device: one float32 per row.
    const weights = classWeights ? Float32Array.from({ length: train.n }, (_, r) => classWeights.reduce((s, w, j) => s + y[r * outputs + j] * w, 0)) : null;
    const trainer = new FusedTrainer(plan, vars, spec, { x, y, n: train.n, weights });
    let offset = 0;
    for (const v of vars) {
      trainer.#net.params.set((await v.data()) as Float32Array, offset);
      offset += v.size;
    }
    return trainer;
  }

  /** Sets the learning rate for the steps that follow. */
  setRate(rate: number): void {
    this.#opt.setRate(rate);
  }

  /** The optimizer's step count and slots, laid out as the generic loop's flat optimizer keeps them. */
  optimizerState(): OptimizerState {
    return this.#opt.state();
  }

  /** Puts a checkpoint's optimizer state back (from either loop: they share the layout). */
  restoreOptimizer(state: OptimizerState): void {
    this.#opt.restore(state);
  }

  /**
   * One optimizer step on rows order[start, start + size): returns the batch's mean loss and its
   * correct count. `size` may not pass the batch size the trainer was made for.
   */
  step(order: ArrayLike<number>, start: number, size: number): { loss: number; correct: number } {
    const { x, y, weights } = this.data;
    const net = this.#net;
    const width = this.plan.layers[0].inputs;
    const outs = this.#outputs;
    const [input, t] = [net.input, this.#target];
    for (let r = 0; r < size; r++) {
      const row = order[start + r];
      input.set(x.subarray(row * width, (row + 1) * width), r * width);
      t.y.set(y.subarray(row * outs, (row + 1) * outs), r * outs);
      if (t.weights && weights) t.weights[r] = weights[row];
    }
    const out = net.forward(size);
    const result = headStep(this.plan.loss, out, t, size, outs, this.#huberDelta, net.outputGrad);
    net.backward(size);
    this.#opt.apply(net.params, net.grads);
    return result;
  }

  /**
   * Trains one epoch over the same seeded order as the generic loop, reporting progress at most
   * every `progressEveryMs`; returns the mean loss and accuracy as scalars (the caller disposes
   * them), or null when stopped. The weights are in the model either way.
   */
  async runEpoch(run: EpochRun, hooks: Omit<EpochHooks, 'transformEpoch'>): Promise<{ loss: tf.Scalar; correct: tf.Scalar } | null> {
    const { n } = this.data;
    const batches = Math.ceil(n / run.batchSize);
    const order = Int32Array.from(epochOrder(n, run.seed, run.epoch));
    let [lossSum, correct] = [0, 0];
    let lastRead = performance.now();
    try {
      for (let b = 0; b < batches; b++) {
        const start = b * run.batchSize;
        const size = Math.min(run.batchSize, n - start);
        const done = this.step(order, start, size);
        lossSum += done.loss * (size / run.batchSize);
        correct += done.correct;
        hooks.onBatch?.(run.epoch, b + 1, batches);
        if (hooks.onProgress && performance.now() - lastRead >= progressEveryMs) {
          lastRead = performance.now();
          const elapsedMs = lastRead - run.clock.start - run.clock.paused;
          hooks.onProgress({ epoch: run.epoch, epochs: run.epochs, batch: b + 1, batches, elapsedMs, loss: lossSum / (b + 1) });
        }
        if (await run.between()) return null;
      }
      return { loss: tf.scalar((lossSum * run.batchSize) / n), correct: tf.scalar(correct / n) };
    } finally {
      this.writeBack();
    }
  }

  /** Copies the trained weights into the model's variables (new tensors: checkpoints keep the old ones). */
  writeBack(): void {
    let offset = 0;
    for (const v of this.#vars) {
      const values = this.#net.params.slice(offset, offset + v.size);
      tf.tidy(() => v.assign(tf.tensor(values, v.shape, 'float32')));
      offset += v.size;
    }
  }
}
