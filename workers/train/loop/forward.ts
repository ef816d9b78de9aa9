import * as tf from '@tensorflow/tfjs';
import type { LossKind } from '../../../src/core/train/loss.ts';

/** A model's forward pass for the loop: outputs, and whether they are logits (softmax left out). */
export type Forward = (x: tf.Tensor, training: boolean) => { out: tf.Tensor; logits: boolean };

/**
 * The model's forward pass. For a Sequential ending in a softmax Dense trained with cross-entropy,
 * the last layer stops at the logits, so the loss can use log-softmax: fewer kernels than softmax
 * → clip → log, and no log(0).
 */
export function makeForward(model: tf.LayersModel, loss: LossKind): Forward {
  const layers = model instanceof tf.Sequential ? model.layers.filter((l) => l.getClassName() !== 'InputLayer') : null;
  const last = layers?.at(-1);
  const config = last?.getConfig() as { activation?: string; useBias?: boolean } | undefined;
  if (!layers || !last || loss !== 'crossEntropy' || last.getClassName() !== 'Dense' || config?.activation !== 'softmax') {
    return (x, training) => ({ out: model.apply(x, { training }) as tf.Tensor, logits: false });
  }
  const body = layers.slice(0, -1);
  const [kernel, bias] = last.trainableWeights.map((w) => w.read());
  return (x, training) => {
    let h = x;
    for (const layer of body) h = layer.apply(h, { training }) as tf.Tensor;
    const out = tf.fused.matMul({ a: h as tf.Tensor2D, b: kernel as tf.Tensor2D, bias: config.useBias === false ? undefined : bias });
    return { out, logits: true };
  };
}

/**
 * Per-example loss, shape [batch]: cross-entropy (from logits or probabilities), MSE, MAE or Huber,
 * each averaged over the outputs.
 */
export function perExampleLoss(kind: LossKind, out: tf.Tensor, y: tf.Tensor, logits: boolean, huberDelta: number): tf.Tensor1D {
  if (kind === 'crossEntropy') {
    const logP = logits ? tf.logSoftmax(out) : tf.log(tf.clipByValue(out, 1e-7, 1 - 1e-7));
    return tf.neg(tf.sum(tf.mul(y, logP), -1)) as tf.Tensor1D;
  }
  const err = tf.sub(out, y);
  if (kind === 'mse') return tf.mean(tf.square(err), -1) as tf.Tensor1D;
  const abs = tf.abs(err);
  if (kind === 'mae') return tf.mean(abs, -1) as tf.Tensor1D;
  const q = tf.minimum(abs, huberDelta);
  return tf.mean(tf.add(tf.mul(tf.square(q), 0.5), tf.mul(tf.sub(abs, q), huberDelta)), -1) as tf.Tensor1D;
}

/** Examples whose highest output is their label, as a float scalar. */
export function countCorrect(out: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(out, -1), labels), 'float32'));
}
