import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateShapes } from '../../../../src/core/collect/images/shapes.ts';
import { validateSpec } from '../../../../src/core/spec/validate.ts';
import { loadPredictor, type Predictor } from '../../../../workers/deploy/predictor.ts';
import { predictChunk } from '../../../../workers/deploy/predict-rows.ts';
import { disposeModel } from '../../../../workers/train/model.ts';
import { trainOn } from '../../../../workers/train/pipeline.ts';
import { penguinsHeader, penguinsRows, trainFixture, type TrainedFixture } from './train-fixture.ts';

let classifier: TrainedFixture;
let regressor: TrainedFixture;
let predictor: Predictor;

beforeAll(async () => {
  classifier = await trainFixture('species');
  regressor = await trainFixture('body_mass_g');
  predictor = await loadPredictor(classifier.files);
}, 60_000);
afterAll(() => predictor.dispose());

describe('loadPredictor + predictChunk', () => {
  it("reproduces training's test predictions: same class, probabilities within 1e-5", () => {
    const { rows, predictions, probabilities } = classifier.result.predictions;
    const out = predictChunk(predictor, { columns: penguinsHeader, rows: rows.map((r) => penguinsRows[r]) });
    expect(out.errors.every((e) => e === null)).toBe(true);
    expect(out.predictions.map((p) => p!.prediction)).toEqual(predictions);
    out.predictions.forEach((p, i) => p!.probabilities!.forEach((v, k) => expect(Math.abs(v - probabilities![i][k])).toBeLessThan(1e-5)));
    expect(rows.length).toBeGreaterThan(40);
  });

  it('reproduces a regression model’s de-standardised test predictions', async () => {
    const p = await loadPredictor(regressor.files);
    try {
      const { rows, predictions } = regressor.result.predictions;
      const header = penguinsHeader.filter((h) => h !== 'body_mass_g');
      const cells = rows.map((r) => header.map((h) => penguinsRows[r][penguinsHeader.indexOf(h)]));
      const out = predictChunk(p, { columns: header, rows: cells });
      expect(out.predictions.map((x) => x!.prediction)).toEqual(predictions.map(Number));
      expect(out.predictions[0]!.probabilities).toBeNull();
    } finally {
      p.dispose();
    }
  });

  it('gives the same outputs whatever the batch size', async () => {
    const small = await loadPredictor(classifier.files, { batchSize: 7 });
    try {
      const chunk = { columns: penguinsHeader, rows: penguinsRows };
      expect(predictChunk(small, chunk).predictions).toEqual(predictChunk(predictor, chunk).predictions);
    } finally {
      small.dispose();
    }
  });

  it('leaves no tensor behind after many predictions, and frees the model on dispose', async () => {
    const x = new Float32Array(100 * predictor.inputWidth).fill(0.5);
    predictor.predict(x, 100); // warm up: the first call may create lasting backend state
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) predictor.predict(x, 100);
    for (let i = 0; i < 5; i++) await predictor.predictAsync(x, 100);
    expect(tf.memory().numTensors).toBe(before);
    const extra = await loadPredictor(classifier.files);
    const loaded = tf.memory().numTensors;
    extra.dispose();
    expect(loaded - tf.memory().numTensors).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses input of the wrong length and a model whose files do not belong together', async () => {
    expect(() => predictor.predict(new Float32Array(5), 1)).toThrow(`expected 1 × ${predictor.inputWidth}`);
    const mixed = { ...classifier.files, 'preprocessing.json': regressor.files['preprocessing.json'] };
    await expect(loadPredictor(mixed, { dir: 'm' })).rejects.toThrow(/m\/model\.json: takes \[\d+\] and returns \[3\] per row, but preprocessing\.json describes \[\d+\] in and \[1\] out/);
    const { 'weights.bin': _, ...noWeights } = classifier.files;
    await expect(loadPredictor(noWeights, { dir: 'm' })).rejects.toThrow('m: has no weights.bin');
  });
});

describe('image models', () => {
  it('scales NHWC bytes by doc.scale, as training fed them', async () => {
    const checked = validateSpec({
      version: 1,
      data: { source: 'shapes', label: 'class', image: { width: 8, height: 8, channels: 1 } },
      model: { filters: [4] },
      train: { epochs: 1, batchSize: 32 },
      backend: 'cpu',
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const set = generateShapes({ ...checked.spec.data.image, perClass: 20, seed: 1 });
    const run = await trainOn(checked.spec, set, { backend: 'cpu' });
    const files = await run.files();
    const n = 6;
    const pixels = set.pixels.subarray(0, n * 64);
    const direct = tf.tidy(() => (run.model.predict(tf.tensor4d(Float32Array.from(pixels, (v) => v / 255), [n, 8, 8, 1])) as tf.Tensor).dataSync());
    disposeModel(run.model);
    const p = await loadPredictor(files);
    try {
      const out = p.predict(pixels, n);
      expect(out).toHaveLength(n * 3);
      out.forEach((v, i) => expect(Math.abs(v - direct[i])).toBeLessThan(1e-6));
    } finally {
      p.dispose();
    }
  }, 30_000);
});
