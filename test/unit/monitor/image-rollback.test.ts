import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateShapes } from '../../../src/core/collect/images/shapes.ts';
import { parseBaselineFiles } from '../../../src/core/monitor/index.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { promoteChallenger, trainChallenger } from '../../../workers/monitor/challenger.ts';
import { rollBack } from '../../../workers/monitor/history.ts';
import { resident } from '../../../workers/state.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';

// Real TF.js on the CPU backend: a champion CNN on 12×12 shapes, a challenger on it plus a batch
// (with a class the champion never saw), promotion, and a roll back to the champion's kept files.

const checked = validateSpec({ version: 1, backend: 'cpu', data: { source: 'shapes', label: 'label' }, train: { epochs: 2, patience: 0 }, model: { filters: [4] } });
if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
const spec = checked.spec;
const options = { width: 12, height: 12, channels: 1 as const, supersample: 1 };

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** The model's class probabilities for the first `n` images of `set` (pixels scaled as in training). */
function outputs(model: tf.LayersModel, pixels: Uint8Array, n: number): number[] {
  return tf.tidy(() => Array.from((model.predict(tf.tensor4d(pixels.slice(0, n * 144), [n, 12, 12, 1]).div(255)) as tf.Tensor).dataSync()));
}

describe('image champion/challenger with history and roll back', () => {
  it('tests the challenger on the champion test images, promotes, and rolls back to identical predictions', async () => {
    const data = generateShapes({ ...options, perClass: 10, seed: 3 });
    const champion = await trainOn(spec, data);
    resident.trained = champion;
    resident.trainedOn = data;
    const probe = generateShapes({ ...options, perClass: 2, seed: 9 }).pixels;
    const before = outputs(champion.model, probe, 6);
    const tensors = tf.memory().numTensors;

    // A labelled batch: two shapes per class, one image outside any class folder, and a class of its own.
    const fresh = generateShapes({ ...options, perClass: 2, seed: 5 });
    const names = [...fresh.names, 'loose.png', 'star/1.png'];
    const labels = [...Array.from(fresh.labels, (l) => fresh.classes[l]), null, 'star'];
    const pixels = new Uint8Array(names.length * 144);
    pixels.set(fresh.pixels);
    const challenge = await trainChallenger({ source: 'may', names, labels, pixels }, 'combine', { onEvent: () => {}, shouldStop: () => false });
    expect(challenge.champion.testRows).toBe(champion.result.split.test);
    expect(challenge.challenger.testRows).toBe(champion.result.split.test);
    expect(challenge.challenger.trainRows + challenge.challenger.validationRows).toBe(champion.result.split.train + champion.result.split.validation + 7);
    expect(challenge.champion.value).toBe((champion.result.test.metrics as { accuracy: number }).accuracy);
    expect(challenge.challenger.value).toBeGreaterThanOrEqual(0);

    const promoted = await promoteChallenger(1);
    expect(promoted.keptBytes).toBeGreaterThan(1000);
    expect(resident.trained).not.toBe(champion);
    expect((await resident.trained!.files())['preprocessing.json']).toBeDefined();
    expect(parseBaselineFiles(await resident.trained!.files()).classes).toEqual(['circle', 'square', 'star', 'triangle']);
    const challenger = resident.trained!;

    const back = await rollBack(1, 2);
    expect(back.result).toBe(champion.result);
    expect(back.keptBytes).toBeGreaterThan(1000);
    expect(resident.trainedOn).toBe(data);
    expect(outputs(resident.trained!.model, probe, 6)).toEqual(before);
    expect(parseBaselineFiles(await resident.trained!.files()).classes).toEqual(['circle', 'square', 'triangle']);
    // The champion's and challenger's weights are freed: no more tensors than the champion alone held
    // (a model rebuilt from its files has no optimizer slots), and a swap there and back leaks none.
    const restored = tf.memory().numTensors;
    expect(restored).toBeLessThanOrEqual(tensors);
    expect(challenger.model.layers.length).toBeGreaterThan(0);

    // Forward to the challenger kept as entry 2, and back to entry 1 once more.
    await rollBack(2, 1);
    expect(parseBaselineFiles(await resident.trained!.files()).classes).toHaveLength(4);
    await rollBack(1, 2);
    expect(outputs(resident.trained!.model, probe, 6)).toEqual(before);
    expect(tf.memory().numTensors).toBe(restored);
    await expect(rollBack(7, 3)).rejects.toThrow("model 7's files are not kept");
    disposeModel(resident.trained!.model);
    resident.trained = null;
  }, 90_000);
});
