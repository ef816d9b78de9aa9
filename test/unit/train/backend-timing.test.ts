import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../../workers/train/backends.ts';
import { measureThroughput, type TensorSplit } from '../../../workers/train/fit.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { compileFor } from '../../../workers/train/optimizer.ts';
import { pickBackend } from '../../../workers/train/pick-backend.ts';
import { trainSpec } from './loop-helpers.ts';

// `auto` used to time plain CPU on a conv model for four full batches (~9 s at 28×28). With a bar
// (the best rate so far) a one-row warm-up and a batch÷16 probe decide it: if even batch ÷ probe
// time is under the bar, the backend cannot win. Which batch sizes ran is read from tf.profile,
// so the bound is checked exactly; one timing check compares it with a single full step.

const spec = trainSpec({ batchSize: 32 });
const batch = 32;

/** A seeded two-conv CNN on 16×16×1: slow on plain CPU, quick on WASM. */
function cnn(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [16, 16, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: init(3) }),
    ],
  });
  return compileFor(model, spec, 'classification');
}

function data(): TensorSplit {
  const x = tf.randomUniform([batch, 16, 16, 1], 0, 1, 'float32', 5);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 4), 'int32'), 4).toFloat() as tf.Tensor2D);
  return { x, y, n: batch };
}

/** Times on a fresh model (no `bar`: the one pickBackend set), returning the rate, the milliseconds and the batch sizes the convolutions ran on. */
async function timed(bar?: number): Promise<{ rate: number; ms: number; batches: number[] }> {
  const [model, split] = [cnn(), data()];
  try {
    const start = performance.now();
    let rate = 0;
    const profile = await tf.profile(async () => void (rate = await measureThroughput(model, split, batch, 50, spec, bar)));
    const ms = performance.now() - start;
    const batches = profile.kernels.filter((k) => k.name === 'Conv2D').map((k) => k.inputShapes[0][0]);
    return { rate, ms, batches: [...new Set(batches)].sort((a, b) => a - b) };
  } finally {
    disposeModel(model);
    tf.dispose([split.x, split.y]);
  }
}

beforeAll(async () => {
  tf.env().set('PROD', true);
  await activate('cpu');
});
afterAll(async () => void (await activate('cpu')));

describe('timing a backend for auto is bounded', () => {
  it('stops after a one-row warm-up and a batch÷16 probe when the backend cannot reach the bar', async () => {
    const before = tf.memory().numTensors;
    const quick = await timed(1e9);
    expect(quick.batches).toEqual([1, 2]);
    expect(quick.rate).toBeGreaterThan(0);
    expect(quick.rate).toBeLessThan(1e9);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('times full batches when the backend might win, and the probe costs less than one full step', async () => {
    const full = await timed(1e-3);
    expect(full.batches).toContain(batch);
    const quick = await timed(1e9);
    // A full run is a warm-up plus at least one timed step: two full steps or more.
    expect(quick.ms).toBeLessThan(full.ms / 2);
  });

  it('auto in Node times wasm in full, rules plain CPU out by the probe, and picks wasm', async () => {
    const seen: Record<string, number[]> = {};
    const choice = await pickBackend('auto', async () => {
      const result = await timed(); // reads the bar pickBackend set, as the pipeline's measure does
      seen[tf.getBackend()] = result.batches;
      return result.rate;
    });
    expect(choice.name).toBe('wasm');
    expect(seen.wasm).toContain(batch);
    expect(seen.cpu).toEqual([1, 2]);
  });
});
