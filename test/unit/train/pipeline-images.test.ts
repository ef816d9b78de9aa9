import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateShapes } from '../../../src/core/collect/images/shapes.ts';
import type { PipelineSpec, PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { planImageRun, splitImages } from '../../../src/core/train/image-plan.ts';
import type { TrainEvent } from '../../../src/core/train/protocol.ts';
import { buildCnn, disposeModel } from '../../../workers/train/model.ts';
import { trainOn, type TrainedImages } from '../../../workers/train/pipeline.ts';

// Real TF.js on its CPU backend in Node. Its convolution gradients are plain loops, so a small
// CNN trains at roughly 20–80 images/s here: the data stays tiny.

type Size = { width: number; height: number; channels: 1 | 3 };

function imageSpec(size: Size, input: Omit<PipelineSpecInput, 'version' | 'data'> = {}): PipelineSpec {
  const result = validateSpec({ version: 1, backend: 'cpu', data: { source: 'shapes', label: 'class', kind: 'images', image: size }, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const text = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));

beforeAll(() => {
  tf.env().set('PROD', true);
});

describe('trainOn an image set: 16×16 grey shapes, 30 per class, 3 epochs on the CPU', () => {
  const grey16: Size = { width: 16, height: 16, channels: 1 };
  const set = generateShapes({ perClass: 30, ...grey16 });
  const spec = imageSpec(grey16, { train: { epochs: 3, learningRate: 0.005 } });
  const events: TrainEvent[] = [];
  let run: TrainedImages;
  let before: number;
  let disposed = false;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    before = tf.memory().numTensors;
    run = await trainOn(spec, set, { onEvent: (e) => events.push(e) });
  }, 120_000);
  afterAll(() => void (run && !disposed && disposeModel(run.model)));

  it('reports progress in protocol order, 3 epochs', () => {
    // Progress events (batches within an epoch) arrive between these, a few times a second.
    expect(events.map((e) => e.status).filter((s) => s !== 'progress')).toEqual(['initiate', 'backend', 'split', 'epoch', 'epoch', 'epoch', 'done']);
    for (const e of events) if (e.status === 'progress') expect(e.progress.batch).toBeLessThanOrEqual(e.progress.batches);
    expect(run.result.backend).toMatchObject({ name: 'cpu', reason: 'forced by the user' });
    expect(run.result.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
  });

  it('keeps the tensor count flat across epochs', () => {
    const [, second, third] = run.result.history;
    expect(second.numTensors).toBeGreaterThan(0);
    expect(third.numTensors).toBe(second.numTensors);
  });

  it('splits stratified and seeded, and predicts every test image by index', () => {
    const split = splitImages(set, spec.split, spec.seed);
    expect(run.result.split).toEqual({ train: 63, validation: 13, test: 14 }); // 4.5 per class rounds both ways
    const { rows, labels, predictions, probabilities } = run.result.predictions;
    expect(rows).toEqual(split.test);
    expect(labels).toEqual(rows.map((i) => set.classes[set.labels[i]]));
    expect(predictions).toHaveLength(14);
    for (const p of predictions) expect(set.classes).toContain(p);
    for (const row of probabilities!) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('scores test and validation with the classification metrics', () => {
    expect(run.result.task).toBe('classification');
    expect(run.result.classes).toEqual(['circle', 'square', 'triangle']);
    for (const split of [run.result.test, run.result.validation!]) {
      if (split.task !== 'classification') throw new Error('expected classification metrics');
      for (const v of [split.metrics.accuracy, split.metrics.f1Macro, split.metrics.precisionMacro, split.metrics.recallMacro]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    if (run.result.test.task !== 'classification') return;
    expect(run.result.test.metrics.confusion.flat().reduce((a, b) => a + b, 0)).toBe(14);
  });

  it('leaves nothing behind once the model is disposed', () => {
    disposeModel(run.model);
    disposed = true;
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('files() of an image model', () => {
  it('writes a loadable layers model whose weights.bin matches its manifest, and the input recipe', async () => {
    const grey12: Size = { width: 12, height: 12, channels: 1 };
    const set = generateShapes({ perClass: 6, ...grey12 });
    const spec = imageSpec(grey12, { train: { epochs: 1 }, model: { filters: [4] } });
    const run = await trainOn(spec, set);
    try {
      const files = await run.files();
      expect(Object.keys(files).sort()).toEqual(['baseline.json', 'constraints.json', 'model.json', 'preprocessing.json', 'statistics.json', 'weights.bin']);
      const modelJson = text(files['model.json']);
      expect(modelJson.format).toBe('layers-model');
      const specs: { shape: number[]; dtype: string }[] = modelJson.weightsManifest[0].weights;
      const count = specs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
      expect(files['weights.bin'].byteLength).toBe(count * 4);
      expect(specs.map((w) => w.shape)).toEqual([[3, 3, 1, 4], [4], [3 * 3 * 4 * 4, 16], [16], [16, 3], [3]]);

      const pre = text(files['preprocessing.json']);
      expect(pre).toMatchObject({ kind: 'images', width: 12, height: 12, channels: 1, scale: 1 / 255, layout: 'NHWC', classes: ['circle', 'square', 'triangle'] });

      // The files alone reproduce the model's outputs on an image fed as preprocessing.json says.
      const loaded = await tf.loadLayersModel(
        tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs as tf.io.WeightsManifestEntry[], weightData: files['weights.bin'].slice().buffer }),
      );
      const x = tf.tensor4d(Float32Array.from(set.pixels.subarray(0, 144), (v) => v * pre.scale), [1, 12, 12, 1]);
      const [a, b] = [run.model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
      expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
      tf.dispose([x, a, b]);
      loaded.dispose();
    } finally {
      disposeModel(run.model);
    }
  }, 60_000);
});

describe('buildCnn', () => {
  const spec = imageSpec({ width: 16, height: 16, channels: 3 });
  it('stacks conv 3×3 + max-pool 2×2 per filter count, then flatten, hidden dense and softmax', () => {
    const model = buildCnn(spec.model, [8, 16], spec.train, { width: 16, height: 16, channels: 3, classes: 3 }, 42);
    try {
      expect(model.layers.map((l) => l.getClassName())).toEqual(['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense']);
      expect(model.inputs[0].shape).toEqual([null, 16, 16, 3]);
      expect(model.layers[4].outputShape).toEqual([null, 4 * 4 * 16]);
      expect(model.outputs[0].shape).toEqual([null, 3]);
    } finally {
      disposeModel(model);
    }
  });

  it('is an MLP on the pixels without filters, and seeded: same seed, same weights', () => {
    const make = () => buildCnn(spec.model, [], spec.train, { width: 16, height: 16, channels: 3, classes: 3 }, 7);
    const [a, b] = [make(), make()];
    try {
      expect(a.layers.map((l) => l.getClassName())).toEqual(['Flatten', 'Dense', 'Dense']);
      expect(a.getWeights()[0].arraySync()).toEqual(b.getWeights()[0].arraySync());
    } finally {
      disposeModel(a);
      disposeModel(b);
    }
  });
});

describe('stopping', () => {
  it('ends after the current batch when asked, keeping a usable model', async () => {
    const grey12: Size = { width: 12, height: 12, channels: 1 };
    const spec = imageSpec(grey12, { train: { epochs: 50, batchSize: 8 }, model: { filters: [4] } });
    let epochs = 0;
    const run = await trainOn(spec, generateShapes({ perClass: 10, ...grey12 }), {
      onEvent: (e) => void (e.status === 'epoch' && epochs++),
      shouldStop: () => epochs >= 2,
    });
    try {
      expect(run.result.stopped).toBe(true);
      expect(run.result.history).toHaveLength(2);
      expect(run.result.predictions.rows).toHaveLength(run.result.split.test);
    } finally {
      disposeModel(run.model);
    }
  }, 60_000);
});

describe('learning', () => {
  // The shapes vary in position, rotation, size, colour and background, and nothing is augmented,
  // so 15 epochs on 315 images gets clear of chance (1/3) but no further: 0.53 with this seed
  // (0.44–0.46 with seeds 1 and 7). Without rotation the same run reaches about 0.6–0.7; with
  // neither rotation nor position changes, 0.99. That gap is what the Augment stage is for.
  it('beats chance on held-out 24×24 shapes after 15 epochs', async () => {
    const grey24: Size = { width: 24, height: 24, channels: 1 };
    const spec = imageSpec(grey24, { train: { epochs: 15, learningRate: 0.005 }, model: { filters: [4, 8], hidden: [32] } });
    const run = await trainOn(spec, generateShapes({ perClass: 150, ...grey24 }));
    try {
      if (run.result.test.task !== 'classification') throw new Error('expected classification');
      const { accuracy } = run.result.test.metrics;
      const ms = run.result.history.reduce((s, h) => s + h.ms, 0);
      console.info(`shapes 24×24: test accuracy ${accuracy.toFixed(3)} on ${run.result.split.test}; ${((run.result.split.train * 15 * 1000) / ms).toFixed(0)} images/s`);
      expect(accuracy).toBeGreaterThanOrEqual(0.4);
    } finally {
      disposeModel(run.model);
    }
  }, 300_000);
});

describe('trainOn an image set with k-fold cross-validation', () => {
  it('trains one model per fold on its held-out images, reports each, then the final model', async () => {
    await tf.setBackend('cpu');
    const grey8: Size = { width: 8, height: 8, channels: 1 };
    const set = generateShapes({ perClass: 8, ...grey8 });
    const spec = imageSpec(grey8, { split: { folds: 2 }, model: { filters: [4] }, train: { epochs: 1 } });
    const before = tf.memory().numTensors;
    const events: TrainEvent[] = [];
    const run = await trainOn(spec, set, { onEvent: (e) => events.push(e) });
    try {
      expect(events.map((e) => e.status)).toEqual(['initiate', 'backend', 'split', 'fold', 'fold', 'epoch', 'done']);
      const cv = run.result.crossValidation!;
      expect(cv.folds).toBe(2);
      const accuracy = cv.metrics.accuracy;
      expect(accuracy.values).toHaveLength(2);
      expect(accuracy.mean).toBeCloseTo((accuracy.values[0] + accuracy.values[1]) / 2, 12);
      // Each fold is scored on its own held-out images: accuracy × their count is a whole number of images.
      const heldOut = planImageRun(spec, set).folds!.map((f) => f.test.length);
      expect(heldOut.reduce((a, b) => a + b, 0)).toBe(run.result.split.train + run.result.split.validation);
      accuracy.values.forEach((v, k) => expect(v * heldOut[k]).toBeCloseTo(Math.round(v * heldOut[k]), 9));
    } finally {
      disposeModel(run.model);
    }
    expect(tf.memory().numTensors).toBe(before); // every fold's model and tensors were disposed
  }, 120_000);
});
