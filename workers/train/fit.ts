import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../../src/core/split/random.ts';
import type { EpochLogs } from '../../src/core/train/protocol.ts';

/** One split resident on the backend: features and (one-hot or scalar) targets. */
export interface TensorSplit {
  /** [n, features] for tables, [n, height, width, channels] for images. */
  x: tf.Tensor;
  y: tf.Tensor2D;
  n: number;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  /** Stop after this many epochs without a better validation loss; 0 never stops early. */
  patience: number;
  seed: number;
  onEpoch: (logs: EpochLogs) => void;
  onBatch?: (epoch: number, batch: number, batches: number) => void;
  shouldStop: () => boolean;
  /**
   * Replaces each epoch's shuffled training features (augmentation) with a new tensor that
   * fitModel disposes; it never sees validation data.
   */
  transformEpoch?: (x: tf.Tensor, epoch: number) => tf.Tensor;
}

export interface FitOutcome {
  history: EpochLogs[];
  /** True when the user stopped the run (early stopping is not a stop). */
  stopped: boolean;
  earlyStopped: boolean;
}

/**
 * Trains epoch by epoch with a seeded shuffle, reading values back only at epoch ends.
 * Each epoch's shuffled copies are disposed, so the live tensor count stays flat.
 */
export async function fitModel(model: tf.LayersModel, train: TensorSplit, val: TensorSplit | null, opts: FitOptions): Promise<FitOutcome> {
  const history: EpochLogs[] = [];
  const order = Array.from({ length: train.n }, (_, i) => i);
  const batches = Math.ceil(train.n / opts.batchSize);
  let best = Infinity;
  let sinceBest = 0;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    if (opts.shouldStop()) return { history, stopped: true, earlyStopped: false };
    shuffleInPlace(order, createRng(opts.seed * 7919 + epoch));
    const started = performance.now();
    const [gathered, ys] = tf.tidy(() => {
      const idx = tf.tensor1d(order, 'int32');
      return [tf.gather(train.x, idx), tf.gather(train.y, idx)];
    });
    let xs: tf.Tensor = gathered;
    let interrupted = false;
    let fitted: tf.History;
    try {
      if (opts.transformEpoch) xs = opts.transformEpoch(gathered, epoch);
      fitted = await model.fit(xs, ys, {
        epochs: 1,
        batchSize: opts.batchSize,
        shuffle: false,
        verbose: 0,
        validationData: val && val.n > 0 ? [val.x, val.y] : undefined,
        callbacks: {
          onBatchEnd: async (batch: number) => {
            opts.onBatch?.(epoch, batch + 1, batches);
            await yieldToMessages();
            if (opts.shouldStop()) {
              model.stopTraining = true;
              interrupted = true;
            }
          },
        },
      });
    } finally {
      tf.dispose([xs, gathered, ys]); // disposing twice (when the hook returned its input) is a no-op
    }
    if (interrupted) return { history, stopped: true, earlyStopped: false };
    const logs = readLogs(fitted.history, epoch, performance.now() - started);
    history.push(logs);
    opts.onEpoch(logs);
    if (opts.patience > 0 && logs.valLoss !== undefined) {
      if (logs.valLoss < best - 1e-7) [best, sinceBest] = [logs.valLoss, 0];
      else if (++sinceBest >= opts.patience) return { history, stopped: false, earlyStopped: true };
    }
  }
  return { history, stopped: false, earlyStopped: false };
}

function readLogs(h: Record<string, (number | tf.Tensor)[]>, epoch: number, ms: number): EpochLogs {
  const last = (key: string): number | undefined => {
    const v = h[key]?.at(-1);
    return typeof v === 'number' ? v : undefined;
  };
  // Read after the epoch's shuffled copies are disposed, so a leak shows as growth.
  return {
    epoch,
    loss: last('loss') ?? NaN,
    valLoss: last('val_loss'),
    acc: last('acc') ?? last('accuracy'),
    valAcc: last('val_acc') ?? last('val_accuracy'),
    numTensors: tf.memory().numTensors,
    ms,
  };
}

/** Samples per second for a few training steps on the active backend, after a warm-up step. */
export async function measureThroughput(model: tf.LayersModel, train: TensorSplit, batchSize: number, budgetMs = 600): Promise<number> {
  const size = Math.min(batchSize, train.n);
  const [xb, yb] = tf.tidy(() => [train.x.slice(0, size), train.y.slice(0, size)]);
  try {
    await model.trainOnBatch(xb, yb); // compiles shaders; not timed
    let steps = 0;
    const start = performance.now();
    while (steps < 3 || (performance.now() - start < budgetMs && steps < 50)) {
      await model.trainOnBatch(xb, yb);
      steps++;
    }
    return (steps * size * 1000) / (performance.now() - start);
  } finally {
    xb.dispose();
    yb.dispose();
  }
}

let lastYield = 0;

/**
 * Lets the worker's event loop run at most every 50 ms. On the CPU backend a whole epoch can run
 * in microtasks alone, and then a Stop message from the page would wait until training ended.
 */
async function yieldToMessages(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < 50) return;
  lastYield = now;
  await new Promise((resolve) => setTimeout(resolve, 0));
}
