import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../../../src/core/split/random.ts';
import type { ProgressLogs } from '../../../src/core/train/protocol.ts';
import { trainStep, type EpochData, type StepContext } from './step.ts';

/** Where the run is and how the loop checks in between batches. */
export interface EpochRun {
  epoch: number;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Run start and milliseconds spent paused, for the progress's elapsed time. */
  clock: { start: number; paused: number };
  /** Yields, waits while paused; true means stop. */
  between: () => Promise<boolean>;
}

/** Per-epoch hooks the caller may give. */
export interface EpochHooks {
  onBatch?: (epoch: number, batch: number, batches: number) => void;
  onProgress?: (progress: ProgressLogs) => void;
  transformEpoch?: (x: tf.Tensor, epoch: number) => tf.Tensor;
}

/** Milliseconds between progress read-backs: often enough for a smooth bar, rare enough to cost nothing. */
export const progressEveryMs = 250;

/** The epoch's seeded row order; the fused CPU path walks the same order. */
export function epochOrder(n: number, seed: number, epoch: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return shuffleInPlace(order, createRng(seed * 7919 + epoch));
}

/**
 * Trains one epoch: a seeded shuffle as one device gather (then the augmentation hook), one step
 * per batch, and the running loss read back only every `progressEveryMs`. Returns the epoch's mean
 * loss and accuracy as device scalars (the caller reads and disposes them), or null when stopped.
 */
export async function runEpoch(
  ctx: StepContext,
  train: { x: tf.Tensor; y: tf.Tensor; n: number },
  resident: { labels: tf.Tensor1D | null; weights: tf.Tensor1D | null },
  run: EpochRun,
  hooks: EpochHooks,
): Promise<{ loss: tf.Scalar; correct: tf.Scalar } | null> {
  const { n } = train;
  const batches = Math.ceil(n / run.batchSize);
  const data = shuffled(train, resident, epochOrder(n, run.seed, run.epoch));
  let lastRead = performance.now();
  try {
    if (hooks.transformEpoch) {
      const changed = hooks.transformEpoch(data.x, run.epoch);
      if (changed !== data.x) data.x.dispose();
      data.x = changed;
    }
    tf.tidy(() => {
      ctx.lossSum.assign(tf.zerosLike(ctx.lossSum));
      ctx.correct.assign(tf.zerosLike(ctx.correct));
    });
    for (let b = 0; b < batches; b++) {
      const start = b * run.batchSize;
      const size = Math.min(run.batchSize, n - start);
      trainStep(ctx, data, start, size, size / run.batchSize);
      hooks.onBatch?.(run.epoch, b + 1, batches);
      if (hooks.onProgress && performance.now() - lastRead >= progressEveryMs) {
        // The read-back also keeps the host from queueing far ahead of the device.
        const sum = (await ctx.lossSum.data())[0];
        lastRead = performance.now();
        const elapsedMs = lastRead - run.clock.start - run.clock.paused;
        hooks.onProgress({ epoch: run.epoch, epochs: run.epochs, batch: b + 1, batches, elapsedMs, loss: sum / (b + 1) });
      }
      if (await run.between()) return null;
    }
    return tf.tidy(() => ({
      loss: ctx.lossSum.mul(run.batchSize / n) as tf.Scalar,
      correct: ctx.correct.div(n) as tf.Scalar,
    }));
  } finally {
    tf.dispose([data.x, data.y, data.labels, data.weights].filter((t): t is tf.Tensor => t !== null));
  }
}

/** The epoch's rows in shuffled order, gathered on the device in one go per tensor. */
function shuffled(train: { x: tf.Tensor; y: tf.Tensor }, resident: { labels: tf.Tensor1D | null; weights: tf.Tensor1D | null }, order: number[]): EpochData {
  const idx = tf.tensor1d(order, 'int32');
  const pick = <T extends tf.Tensor>(t: T | null) => (t ? (tf.gather(t, idx) as T) : null);
  try {
    return { x: tf.gather(train.x, idx), y: tf.gather(train.y, idx), labels: pick(resident.labels), weights: pick(resident.weights) };
  } finally {
    idx.dispose();
  }
}
