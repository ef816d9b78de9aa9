import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { generateShapes } from '../../../src/core/collect/images/shapes.ts';
import type { PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';

// Real TF.js on the CPU backend; tiny data and 2 epochs keep each run well under a second or two.

const iris = parseCsv(readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8'), 'iris.csv');

function specOf(input: Omit<PipelineSpecInput, 'version'>) {
  const result = validateSpec({ version: 1, backend: 'cpu', train: { epochs: 2 }, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('trainOn with model.layers', () => {
  it('trains a table through dense, batch norm and dropout layers, leaving no tensor behind', async () => {
    const spec = specOf({
      data: { source: 'iris.csv', label: 'species' },
      model: { layers: [{ type: 'dense', units: 8 }, { type: 'batchNorm' }, { type: 'dropout', rate: 0.1 }, { type: 'dense', units: 4, activation: 'tanh' }] },
    });
    const before = tf.memory().numTensors;
    const run = await trainOn(spec, iris);
    expect(run.model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'BatchNormalization', 'Dropout', 'Dense', 'Dense']);
    // 4 features: 4·8+8, batch norm 4·8, 8·4+4, output 4·3+3.
    expect(run.model.countParams()).toBe(40 + 32 + 36 + 15);
    const [first, second] = run.result.history;
    expect(second.numTensors).toBe(first.numTensors);
    expect(run.result.predictions.rows.length).toBeGreaterThan(0);
    disposeModel(run.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains an image set through conv, pooling and global pooling layers', async () => {
    const image = { width: 12, height: 12, channels: 1 } as const;
    const set = generateShapes({ perClass: 8, ...image });
    const spec = specOf({
      data: { source: 'shapes', label: 'class', kind: 'images', image },
      model: { layers: [{ type: 'conv2d', filters: 4 }, { type: 'maxPool' }, { type: 'conv2d', filters: 6, kernelSize: 2, padding: 'valid' }, { type: 'avgPool' }, { type: 'globalAvgPool' }] },
    });
    const before = tf.memory().numTensors;
    const run = await trainOn(spec, set);
    // 12 → conv same 12 → pool 6 → valid 2×2 → 5 → pool 2, then 6 channels → 3 classes.
    expect(run.model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual([[12, 12, 4], [6, 6, 4], [5, 5, 6], [2, 2, 6], [6], [3]]);
    const [first, second] = run.result.history;
    expect(second.numTensors).toBe(first.numTensors);
    disposeModel(run.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an invalid stack before any tensor exists, naming the layer', async () => {
    const spec = specOf({ data: { source: 'iris.csv', label: 'species' }, model: { layers: [{ type: 'dense', units: 4 }, { type: 'maxPool' }] } });
    const before = tf.memory().numTensors;
    await expect(trainOn(spec, iris)).rejects.toThrow(
      'model.layers[1]: (maxPool) needs an image input [H, W, C] but gets [4], and this data is a table; remove it',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
