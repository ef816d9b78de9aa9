import * as tf from '@tensorflow/tfjs';
import type { TrainSpec } from '../../src/core/spec/schema.ts';
import { planFused } from './fused/plan.ts';
import { FusedTrainer } from './fused/trainer.ts';
import { createFlatOptimizer } from './loop/flat-optimizer.ts';
import { makeForward } from './loop/forward.ts';
import { trainStep, type StepContext } from './loop/step.ts';
import type { TensorSplit } from './loop/train-loop.ts';
import { timingBar } from './pick-backend.ts';

export { fitModel, type FitOptions, type FitOutcome, type TensorSplit } from './loop/train-loop.ts';

/**
 * Samples per second of Kiln's own training step for the active backend, on one resident batch,
 * after a warm-up step (which compiles shaders), timing steps for `budgetMs` (at least one). Used to
 * pick the fastest backend. With a `bar` (the best rate so far), a batch a sixteenth the size (at
 * least one row) is timed first, after a one-row warm-up: a step never takes less time on more rows,
 * so when even `batch ÷ probe time` is below the bar the backend is clearly slower, and the probe's
 * own rate is returned without a full step (plain CPU on a CNN: two one-row steps instead of four
 * full batches). Leaves the model's weights changed by a few
 * steps, so callers pass a throwaway model. A Dense-only model on the CPU is timed on the fused
 * path, which is what would train it.
 */
export async function measureThroughput(
  model: tf.LayersModel,
  train: TensorSplit,
  batchSize: number,
  budgetMs = 600,
  spec: Pick<TrainSpec, 'optimizer' | 'learningRate' | 'momentum' | 'weightDecay'> = { optimizer: 'adam', learningRate: 0.001, momentum: 0, weightDecay: 0 },
  bar = timingBar(),
): Promise<number> {
  const size = Math.min(batchSize, train.n);
  const classify = train.y.shape[1] > 1;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss = classify ? 'crossEntropy' : 'mse';
  const plan = planFused(model, loss);
  if (typeof plan !== 'string') {
    const trainer = await FusedTrainer.create(plan, model, { ...spec, huberDelta: 1, batchSize: size }, { ...train, n: size }, null);
    const order = Int32Array.from({ length: size }, (_, i) => i);
    trainer.step(order, 0, size);
    let steps = 0;
    const start = performance.now();
    while (steps < 3 || (performance.now() - start < budgetMs && steps < 500)) {
      trainer.step(order, 0, size);
      steps++;
    }
    return (steps * size * 1000) / (performance.now() - start);
  }
  const ctx: StepContext = {
    forward: makeForward(model, loss),
    loss,
    huberDelta: 1,
    vars,
    optimizer: createFlatOptimizer(spec, vars),
    lossSum: tf.tidy(() => tf.variable(tf.scalar(0), false)),
    correct: tf.tidy(() => tf.variable(tf.scalar(0), false)),
  };
  const y = train.y.slice(0, size);
  const data = { x: train.x.slice(0, size), y, labels: classify ? tf.tidy(() => tf.argMax(y, -1).toInt() as tf.Tensor1D) : null, weights: null };
  // One step of `rows` rows, waited for; its milliseconds.
  const timedStep = async (rows: number) => {
    const start = performance.now();
    trainStep(ctx, data, 0, rows, 1);
    await ctx.lossSum.data();
    return performance.now() - start;
  };
  try {
    if (bar > 0 && size >= 8) {
      await timedStep(1); // the first step pays for JIT and kernel set-up, several times a later one
      const probe = Math.max(1, Math.floor(size / 16));
      const probeMs = await timedStep(probe);
      if ((size * 1000) / probeMs < bar) return (probe * 1000) / probeMs;
    }
    await timedStep(size);
    let steps = 0;
    const start = performance.now();
    while (steps < 1 || (performance.now() - start < budgetMs && steps < 50)) {
      trainStep(ctx, data, 0, size, 1);
      steps++;
      if (steps % 5 === 0) await ctx.lossSum.data(); // wait for the device now and then, so time is real
    }
    await ctx.lossSum.data();
    return (steps * size * 1000) / (performance.now() - start);
  } finally {
    ctx.optimizer.dispose();
    tf.dispose([ctx.lossSum, ctx.correct, data.x, data.y, data.labels].filter((t): t is tf.Tensor => t !== null));
  }
}
