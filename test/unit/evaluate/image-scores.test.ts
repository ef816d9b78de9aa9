import { describe, expect, it } from 'vitest';
import { describeImagePredictions, imageLabels, scoreImageSplit } from '../../../src/core/evaluate/image-scores.ts';

// Five images of two classes; the model's probabilities for images 1, 3 and 4, one row per image.
const set = { labels: Int32Array.from([0, 1, 0, 1, 1]) };
const classes = ['circle', 'square'];
const indices = [1, 3, 4];
const outputs = Float32Array.of(0.2, 0.8, 0.6, 0.4, 0.1, 0.9);

describe('image scoring', () => {
  it('reads the true classes of the chosen images', () => {
    expect(Array.from(imageLabels(set, indices))).toEqual([1, 1, 1]);
  });

  it('scores by the most probable class', () => {
    const scored = scoreImageSplit(set, classes, indices, outputs);
    if (scored.task !== 'classification') throw new Error('expected classification scores');
    expect(scored.metrics.accuracy).toBeCloseTo(2 / 3, 12); // image 3 is called a circle
    expect(scored.metrics.confusion).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it('describes predictions by image index, with names and probability rows', () => {
    const p = describeImagePredictions(set, classes, indices, outputs);
    expect(p.rows).toEqual([1, 3, 4]);
    expect(p.labels).toEqual(['square', 'square', 'square']);
    expect(p.predictions).toEqual(['square', 'circle', 'square']);
    expect(p.probabilities!.map((r) => r.map((v) => Math.round(v * 10) / 10))).toEqual([
      [0.2, 0.8],
      [0.6, 0.4],
      [0.1, 0.9],
    ]);
  });
});
