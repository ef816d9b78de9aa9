import type { LossKind } from '../../../src/core/train/loss.ts';

/** One batch's targets as the head reads them, rows [0, batch). */
export interface BatchTargets {
  /** Targets, [batch, outputs]: one-hot rows for classification. */
  y: Float32Array;
  /** Loss weight per row (class weights), or null for all 1. */
  weights: Float32Array | null;
}

/** What the head gives back for one batch. */
export interface HeadResult {
  /** Mean (weighted) loss of the batch. */
  loss: number;
  /** Rows whose highest output is their target's class (classification), else 0. */
  correct: number;
}

/**
 * Loss, ∂loss/∂output (into `grad`) and the correct count of one batch, for the losses the
 * generic loop has: cross-entropy from logits (log-softmax), MSE, MAE and Huber, each averaged
 * over outputs, then over rows with an optional weight per row. Computed in float64: the loss is
 * reported, not fed back, and the gradient is one rounding away from TF.js's.
 */
export function headStep(kind: LossKind, out: Float32Array, t: BatchTargets, batch: number, outputs: number, huberDelta: number, grad: Float32Array): HeadResult {
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < batch; r++) {
    const w = t.weights ? t.weights[r] : 1;
    const scale = w / batch;
    const o = r * outputs;
    let each = 0;
    if (kind === 'crossEntropy') {
      let max = -Infinity;
      let arg = 0;
      for (let j = 0; j < outputs; j++) if (out[o + j] > max) [max, arg] = [out[o + j], j];
      let sumExp = 0;
      let sumY = 0;
      for (let j = 0; j < outputs; j++) {
        sumExp += Math.exp(out[o + j] - max);
        sumY += t.y[o + j];
      }
      const logSum = Math.log(sumExp);
      let label = 0;
      for (let j = 0; j < outputs; j++) {
        const logP = out[o + j] - max - logSum;
        each -= t.y[o + j] * logP;
        grad[o + j] = (Math.exp(logP) * sumY - t.y[o + j]) * scale;
        if (t.y[o + j] > t.y[o + label]) label = j;
      }
      if (arg === label) correct++;
    } else {
      for (let j = 0; j < outputs; j++) {
        const err = out[o + j] - t.y[o + j];
        const abs = Math.abs(err);
        const sign = err > 0 ? 1 : -1;
        if (kind === 'mse') {
          each += err * err;
          grad[o + j] = ((2 * err) / outputs) * scale;
        } else if (kind === 'mae') {
          each += abs;
          grad[o + j] = (sign / outputs) * scale;
        } else {
          const q = Math.min(abs, huberDelta);
          each += 0.5 * q * q + huberDelta * (abs - q);
          grad[o + j] = ((sign * q) / outputs) * scale;
        }
      }
      each /= outputs;
    }
    loss += each * w;
  }
  return { loss: loss / batch, correct };
}
