import * as tf from '@tensorflow/tfjs';
import type { PipelineSpecInput, TrainSpec } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import type { TensorSplit } from '../../../workers/train/fit.ts';
import { compileFor } from '../../../workers/train/optimizer.ts';

/** A train section with defaults filled in, as the loop takes it; no weight decay or early stopping unless asked. */
export function trainSpec(train: PipelineSpecInput['train']): TrainSpec {
  const result = validateSpec({ version: 1, data: { source: 'x.csv', label: 'y' }, train: { weightDecay: 0, patience: 0, ...train } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec.train;
}

/**
 * An iris-like table: three seeded Gaussian clusters in 4 features, `perClass` rows each, one-hot
 * labels; clusters overlap a little, so accuracy is high but not trivially 1.
 */
export function clusters(perClass: number, seed: number, counts?: number[]): TensorSplit {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const centres = [[0, 0, 0, 0], [2, 1, 0, -1], [0, 2, 2, 1]];
  const x: number[] = [];
  const labels: number[] = [];
  centres.forEach((c, k) => {
    for (let i = 0; i < (counts?.[k] ?? perClass); i++) {
      x.push(...c.map((v) => v + gauss() * 0.7));
      labels.push(k);
    }
  });
  const n = labels.length;
  return { x: tf.tensor2d(x, [n, 4]), y: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat() as tf.Tensor2D), n };
}

/** A seeded MLP 4 → 16 → 3 softmax, compiled like Kiln's. */
export function smallMlp(train: TrainSpec, seed = 1): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  return compileFor(model, train, 'classification');
}

/** Mean categorical cross-entropy of the model on a split, computed on the host from predictions. */
export function hostCrossEntropy(model: tf.LayersModel, split: TensorSplit): number {
  const p = (model.predict(split.x) as tf.Tensor).arraySync() as number[][];
  const y = split.y.arraySync();
  let sum = 0;
  p.forEach((row, i) => (sum -= Math.log(Math.max(1e-7, row[y[i].indexOf(1)]))));
  return sum / p.length;
}
