import { describe, expect, it } from 'vitest';
import { checkBatch, imageBaseline, imageFeatures, imageFeatureTable, type ImageLike } from '../../../src/core/monitor/index.ts';
import { createRng } from '../../../src/core/split/random.ts';

describe('image features', () => {
  it('are mean brightness, contrast and channel means', () => {
    expect(imageFeatures(Uint8Array.of(0, 255), 2, 1, 1)).toEqual({ brightness: 127.5, contrast: 127.5 });
    // Two RGB pixels: (255, 0, 0) and (0, 0, 255): both have brightness 85.
    expect(imageFeatures(Uint8Array.of(255, 0, 0, 0, 0, 255), 2, 1, 3)).toEqual({ brightness: 85, contrast: 0, red: 127.5, green: 0, blue: 127.5 });
    expect(() => imageFeatures(Uint8Array.of(1, 2), 2, 2, 1)).toThrow(RangeError);
  });

  it('make a table checkBatch reads, and a darker batch is brightness drift', () => {
    const rng = createRng(3);
    const image = (level: number): ImageLike => ({ pixels: Uint8Array.from({ length: 16 * 3 }, () => Math.min(255, level + 60 * rng())), width: 4, height: 4, channels: 3 });
    const train = Array.from({ length: 200 }, () => image(100 + 40 * rng()));
    const labels = train.map((_, i) => (i % 2 ? 'cat' : 'dog'));
    const baseline = imageBaseline({ images: train, rows: train.map((_, i) => i), labels, classes: ['cat', 'dog'], predictions: labels.slice(0, 50), metric: { name: 'accuracy', value: 0.9 } });
    expect(baseline.kind).toBe('images');
    expect(baseline.constraints.features.map((f) => f.name)).toEqual(['brightness', 'contrast', 'red', 'green', 'blue']);

    const same = imageFeatureTable(Array.from({ length: 100 }, () => image(100 + 40 * rng())), 'same');
    expect(checkBatch(baseline, same).violations).toEqual([]);
    const dark = imageFeatureTable(Array.from({ length: 100 }, () => image(40 * rng())), 'dark');
    const drifted = checkBatch(baseline, dark).violations.map((v) => v.feature_name);
    expect(drifted).toEqual(expect.arrayContaining(['brightness', 'red', 'green', 'blue']));
    expect(drifted).not.toContain('contrast');
  });
});
