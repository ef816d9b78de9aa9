import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateShapes } from '../../../src/core/collect/images/shapes.ts';
import type { PipelineSpec } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import type { EpochLogs } from '../../../src/core/train/protocol.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';

// The cnn-28-grey preset trained through Kiln's one pipeline on the WASM backend and on TF.js's
// CPU backend (the reference), same data and seed. Float sums run in different orders, so the runs
// drift apart a little (measured: loss within 0.2%, accuracy within one image): each epoch's loss
// must agree within 1%, training accuracy within 0.05, and test accuracy within one of 14 images.
// The CPU reference is the slow half (~40 s here): that is the point of the WASM path.

const spec = ((): PipelineSpec => {
  const result = validateSpec({
    version: 1,
    data: { source: 'shapes', label: 'class', kind: 'images', image: { width: 28, height: 28, channels: 1 } },
    model: { preset: 'cnn-28-grey' },
    train: { epochs: 5, batchSize: 8, learningRate: 0.002 },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
})();
const set = generateShapes({ perClass: 30, width: 28, height: 28, channels: 1 });

interface Outcome {
  history: EpochLogs[];
  testAccuracy: number;
  backend: string;
  leftBehind: number;
}

async function trainWith(backend: 'cpu' | 'wasm'): Promise<Outcome> {
  const before = tf.memory().numTensors;
  const run = await trainOn(spec, set, { backend });
  disposeModel(run.model);
  const test = run.result.test;
  if (test.task !== 'classification') throw new Error('expected classification');
  return { history: run.result.history, testAccuracy: test.metrics.accuracy, backend: run.result.backend.name, leftBehind: tf.memory().numTensors - before };
}

let cpu: Outcome;
let wasm: Outcome;
beforeAll(async () => {
  tf.env().set('PROD', true);
  wasm = await trainWith('wasm');
  cpu = await trainWith('cpu');
}, 120_000);

describe('cnn-28-grey on WASM against CPU, same seed', () => {
  it('trains on the backend asked for, and learns', () => {
    expect([wasm.backend, cpu.backend]).toEqual(['wasm', 'cpu']);
    expect(wasm.history.at(-1)!.loss).toBeLessThan(wasm.history[0].loss);
  });

  it('follows the CPU run epoch by epoch: loss within 1%, accuracy within 0.05, test accuracy within one image', () => {
    for (const [i, ref] of cpu.history.entries()) {
      const got = wasm.history[i];
      expect(Math.abs(got.loss - ref.loss) / ref.loss).toBeLessThan(0.01);
      expect(Math.abs(got.valLoss! - ref.valLoss!) / ref.valLoss!).toBeLessThan(0.01);
      expect(Math.abs(got.acc! - ref.acc!)).toBeLessThanOrEqual(0.05);
    }
    expect(Math.abs(wasm.testAccuracy - cpu.testAccuracy)).toBeLessThanOrEqual(1 / 14 + 1e-9);
  });

  it('keeps the tensor count flat across epochs and leaves nothing behind', () => {
    const counts = wasm.history.map((h) => h.numTensors);
    expect(counts[1]).toBeGreaterThan(0);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(wasm.leftBehind).toBe(0);
  });
});
