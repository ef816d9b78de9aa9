/**
 * The training benchmark's workloads and arms (bench/train.ts runs them in Chromium through
 * bench/browser/train-worker.ts): the same seeded model and data trained by (a) TF.js's
 * `model.fit` with an `onBatchEnd` callback, the reference, and (b) Kiln's own loop (fitModel).
 * Both report progress the same way: at most every 250 ms.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/split/random.ts';
import { validateSpec } from '../../src/core/spec/validate.ts';
import type { TrainSpec } from '../../src/core/spec/schema.ts';
import { fitModel, measureThroughput, type TensorSplit } from '../../workers/train/fit.ts';
import { compileFor } from '../../workers/train/optimizer.ts';

/** One workload: how to make its data and model, and how to train it. */
export interface Workload {
  name: 'mlp' | 'convnet';
  rows: number;
  train: TrainSpec;
  data: () => TensorSplit;
  model: () => tf.LayersModel;
}

const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });

/** A train section for both arms: no weight decay or early stopping, which the reference does not have. */
function trainSpec(train: Record<string, unknown>): TrainSpec {
  const result = validateSpec({ version: 1, data: { source: 'bench', label: 'y' }, train: { weightDecay: 0, patience: 0, ...train } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec.train;
}

/** Rows of `width` features in [-1, 1] and labels from a fixed random linear teacher. */
function teacherData(rows: number, shape: number[], classes: number): TensorSplit {
  const rng = createRng(11);
  const width = shape.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: rows * width }, () => rng() * 2 - 1);
  const w = Float32Array.from({ length: width * classes }, () => rng() * 2 - 1);
  const labels = Int32Array.from({ length: rows }, (_, r) => {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let j = 0; j < width; j += 7) s += x[r * width + j] * w[j * classes + c];
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    return best;
  });
  return { x: tf.tensor(x, [rows, ...shape]), y: tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D), n: rows };
}

/** The tabular MLP: 10 features → dense 32 → dense 32 → 3 classes, batch 32, 4,096 rows, Adam. */
export const mlp: Workload = {
  name: 'mlp',
  rows: 4096,
  train: trainSpec({ optimizer: 'adam', learningRate: 0.01, batchSize: 32 }),
  data: () => teacherData(4096, [10], 3),
  model: () =>
    tf.sequential({
      layers: [
        tf.layers.dense({ units: 32, activation: 'relu', inputShape: [10], kernelInitializer: glorot(1) }),
        tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: glorot(2) }),
        tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: glorot(3) }),
      ],
    }),
};

/** The tfjs-examples MNIST convnet on synthetic 28×28 grey images, RMSprop, batch 320. */
export function convnet(rows: number): Workload {
  return {
    name: 'convnet',
    rows,
    train: trainSpec({ optimizer: 'rmsprop', learningRate: 0.001, batchSize: 320 }),
    data: () => teacherData(rows, [28, 28, 1], 10),
    model: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], kernelSize: 3, filters: 16, activation: 'relu', kernelInitializer: glorot(1) }),
          tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu', kernelInitializer: glorot(2) }),
          tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
          tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu', kernelInitializer: glorot(3) }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: glorot(4) }),
          tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: glorot(5) }),
        ],
      }),
  };
}

/** What one arm measured. */
export interface ArmResult {
  samplesPerSecond: number;
  finalLoss: number;
  /** Live tensors before and after the arm (model and data excluded): equal when nothing leaked. */
  tensors: [number, number];
  /** Which of Kiln's loops trained (the fused CPU path or the tensor loop); absent for the reference. */
  engine?: 'fused' | 'generic';
}

/** Progress posted by both arms, throttled alike. */
export type Report = (arm: string, epoch: number, batch: number, loss: number) => void;

/**
 * Trains `epochs` epochs with `arm` after one untimed warm-up epoch on the first two batches
 * (shader compilation), and returns samples/s by the wall clock.
 */
export async function runArm(work: Workload, arm: 'reference' | 'kiln', epochs: number, report: Report): Promise<ArmResult> {
  const data = work.data();
  const model = work.model();
  compileFor(model, work.train, 'classification');
  const warm = tf.tidy(() => ({ x: data.x.slice(0, work.train.batchSize * 2), y: data.y.slice(0, work.train.batchSize * 2) }));
  const before = tf.memory().numTensors;
  try {
    const train = (split: TensorSplit, n: number) => (arm === 'kiln' ? kilnFit(model, split, work, n, report) : referenceFit(model, split, work, n, report));
    await train({ ...warm, n: warm.x.shape[0] } as TensorSplit, 1);
    const start = performance.now();
    const { finalLoss, engine } = await train(data, epochs);
    const ms = performance.now() - start;
    return { samplesPerSecond: (epochs * work.rows * 1000) / ms, finalLoss, tensors: [before, tf.memory().numTensors], engine };
  } finally {
    model.optimizer?.dispose();
    model.dispose();
    tf.dispose([data.x, data.y, warm.x, warm.y]);
  }
}

async function referenceFit(model: tf.LayersModel, data: TensorSplit, work: Workload, epochs: number, report: Report): Promise<{ finalLoss: number; engine?: undefined }> {
  let last = 0;
  const history = await model.fit(data.x, data.y, {
    epochs,
    batchSize: work.train.batchSize,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onBatchEnd: async (batch, logs) => {
        if (performance.now() - last < 250) return;
        last = performance.now();
        report('reference', 0, batch + 1, logs?.loss ?? NaN);
      },
    },
  });
  return { finalLoss: history.history.loss.at(-1) as number };
}

async function kilnFit(model: tf.LayersModel, data: TensorSplit, work: Workload, epochs: number, report: Report): Promise<{ finalLoss: number; engine: 'fused' | 'generic' }> {
  const outcome = await fitModel(model, data, null, {
    train: { ...work.train, epochs },
    task: 'classification',
    seed: 42,
    shouldStop: () => false,
    onEpoch: () => {},
    onProgress: (p) => report('kiln', p.epoch, p.batch, p.loss),
  });
  return { finalLoss: outcome.history.at(-1)?.loss ?? NaN, engine: outcome.engine };
}

/**
 * Samples/s of the workload's model on the active backend as "auto" measures it when choosing,
 * on batches of `batch` rows (the workload's batch size unless a quick run asks for fewer).
 */
export async function autoMeasure(work: Workload, batch = work.train.batchSize): Promise<number> {
  const data = work.data();
  const model = work.model();
  try {
    const sample = tf.tidy(() => ({ x: data.x.slice(0, batch), y: data.y.slice(0, batch) as tf.Tensor2D }));
    try {
      return await measureThroughput(model, { ...sample, n: batch }, batch, 600, work.train);
    } finally {
      tf.dispose([sample.x, sample.y]);
    }
  } finally {
    model.dispose();
    tf.dispose([data.x, data.y]);
  }
}
