import * as tf from '@tensorflow/tfjs';
import type { LossKind } from '../../../src/core/train/loss.ts';
import type { FlatOptimizer } from './flat-optimizer.ts';
import { countCorrect, perExampleLoss, type Forward } from './forward.ts';

/** One epoch's training data on the device, in the epoch's shuffled order. */
export interface EpochData {
  x: tf.Tensor;
  y: tf.Tensor;
  /** Class index per row (classification), for accuracy. */
  labels: tf.Tensor1D | null;
  /** Class weight per row, when class weights are on. */
  weights: tf.Tensor1D | null;
}

/** Everything a step needs that lasts the whole run. */
export interface StepContext {
  forward: Forward;
  loss: LossKind;
  huberDelta: number;
  vars: tf.Variable[];
  optimizer: FlatOptimizer;
  /** Running sums for the epoch, on the device: Σ batch loss × batch share, Σ correct. */
  lossSum: tf.Variable;
  correct: tf.Variable;
}

/** Mean loss of a batch, class-weighted per example when `weights` is given. */
export function batchLoss(ctx: Pick<StepContext, 'loss' | 'huberDelta'>, out: tf.Tensor, y: tf.Tensor, logits: boolean, weights: tf.Tensor | null): tf.Scalar {
  const each = perExampleLoss(ctx.loss, out, y, logits, ctx.huberDelta);
  return (weights ? tf.mean(tf.mul(each, weights)) : tf.mean(each)) as tf.Scalar;
}

/**
 * One optimizer step on rows [start, start + size) of the epoch data, all in one tidy: device
 * slices, gradients, the flat update, and the running loss/accuracy sums. Nothing is read back.
 * `share` is size ÷ batch size, so a short last batch counts for less.
 */
export function trainStep(ctx: StepContext, data: EpochData, start: number, size: number, share: number): void {
  tf.tidy(() => {
    const rows = <T extends tf.Tensor>(t: T) => t.slice(start, size) as T;
    const [x, y] = [rows(data.x), rows(data.y)];
    const w = data.weights && rows(data.weights);
    let hits: tf.Scalar | null = null;
    const { value, grads } = tf.variableGrads(() => {
      const { out, logits } = ctx.forward(x, true);
      // Counted inside so the forward pass is not run twice; kept past variableGrads' own tidy.
      if (data.labels) hits = tf.keep(countCorrect(out, rows(data.labels)));
      return batchLoss(ctx, out, y, logits, w);
    }, ctx.vars);
    ctx.optimizer.apply(ctx.vars.map((v) => grads[v.name] ?? tf.zerosLike(v)));
    ctx.lossSum.assign(ctx.lossSum.add(share === 1 ? value : value.mul(share)));
    if (hits) {
      ctx.correct.assign(ctx.correct.add(hits));
      (hits as tf.Scalar).dispose();
    }
  });
}

/**
 * Loss (unweighted, as Keras reports validation loss) and correct count over a whole split, in
 * chunks that bound memory, as two device scalars the caller reads back and disposes.
 */
export function evaluateSplit(ctx: Pick<StepContext, 'forward' | 'loss' | 'huberDelta'>, x: tf.Tensor, y: tf.Tensor, labels: tf.Tensor1D | null): [tf.Scalar, tf.Scalar] {
  const n = x.shape[0];
  const rowSize = x.size / Math.max(1, n);
  const chunk = Math.max(1, Math.min(n, Math.floor(2 ** 22 / rowSize)));
  return tf.tidy(() => {
    let loss: tf.Scalar = tf.scalar(0);
    let correct: tf.Scalar = tf.scalar(0);
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      const { out, logits } = ctx.forward(x.slice(start, size), false);
      loss = loss.add(tf.sum(perExampleLoss(ctx.loss, out, y.slice(start, size), logits, ctx.huberDelta)));
      if (labels) correct = correct.add(countCorrect(out, labels.slice(start, size)));
    }
    return [loss.div(n), correct.div(n)] as [tf.Scalar, tf.Scalar];
  });
}
