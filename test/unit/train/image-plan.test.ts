import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../../../src/core/collect/image-set.ts';
import { generateShapes } from '../../../src/core/collect/images/shapes.ts';
import { KilnError } from '../../../src/core/errors.ts';
import type { PipelineSpec, PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { maxConvBlocks, planImageRun, splitImages, trainingData } from '../../../src/core/train/image-plan.ts';

function specFor(input: Partial<Omit<PipelineSpecInput, 'version' | 'data'>> & { image?: object } = {}): PipelineSpec {
  const { image, ...rest } = input;
  const result = validateSpec({ version: 1, data: { source: 'shapes', label: 'class', kind: 'images', image: image ?? { width: 16, height: 16, channels: 1 } }, ...rest });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const shapes = generateShapes({ perClass: 20, width: 16, height: 16, channels: 1 });
const ratios = { train: 0.7, validation: 0.15, test: 0.15, stratify: true };
const classOf = (set: ImageSet, idx: number[]) => [0, 1, 2].map((c) => idx.filter((i) => set.labels[i] === c).length);

describe('splitImages', () => {
  it('puts every image in exactly one split', () => {
    const s = splitImages(shapes, ratios, 42);
    expect([...s.train, ...s.validation, ...s.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('stratifies by class: 14/3/3 of each 20', () => {
    const s = splitImages(shapes, ratios, 42);
    expect(classOf(shapes, s.train)).toEqual([14, 14, 14]);
    expect(classOf(shapes, s.validation)).toEqual([3, 3, 3]);
    expect(classOf(shapes, s.test)).toEqual([3, 3, 3]);
  });

  it('is seeded: same seed, same split; another seed, another split', () => {
    expect(splitImages(shapes, ratios, 7)).toEqual(splitImages(shapes, ratios, 7));
    expect(splitImages(shapes, ratios, 8).test).not.toEqual(splitImages(shapes, ratios, 7).test);
  });

  it('splits at random, still exactly, when stratify is off', () => {
    const s = splitImages(shapes, { ...ratios, stratify: false }, 3);
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([42, 9, 9]);
  });
});

describe('planImageRun', () => {
  it('plans a classification run with the images’ size, scale 1/255 and the default filters', () => {
    const plan = planImageRun(specFor(), shapes);
    expect(plan.task).toBe('classification');
    expect(plan.classes).toEqual(['circle', 'square', 'triangle']);
    expect(plan.input).toEqual({ kind: 'images', width: 16, height: 16, channels: 1, scale: 1 / 255, classes: plan.classes, label: 'class' });
    expect(plan.filters).toEqual([8, 16]);
    expect(plan.warnings).toEqual([]);
    expect(plan.split).toEqual(splitImages(shapes, ratios, 42));
  });

  it('uses split.seed over the spec seed', () => {
    const plan = planImageRun(specFor({ split: { seed: 5 } }), shapes);
    expect(plan.split).toEqual(splitImages(shapes, ratios, 5));
  });

  it('warns when the loaded size differs from data.image, and trains at the loaded size', () => {
    const plan = planImageRun(specFor({ image: { width: 32, height: 32, channels: 3 } }), shapes);
    expect(plan.warnings).toEqual(['images are 16×16 grey as loaded, spec says 32×32 RGB; training at 16×16 grey']);
    expect(plan.input.width).toBe(16);
  });

  it('has no conv blocks for an MLP on pixels', () => {
    expect(planImageRun(specFor({ model: { type: 'mlp' } }), shapes).filters).toEqual([]);
  });

  it('refuses more conv blocks than the image can be halved', () => {
    expect(maxConvBlocks(16, 16)).toBe(4);
    expect(maxConvBlocks(28, 20)).toBe(4);
    const run = () => planImageRun(specFor({ model: { filters: [4, 4, 4, 4, 4] } }), shapes);
    expect(run).toThrow(KilnError);
    expect(run).toThrow(/model.filters: 5 conv blocks .* 16×16 can only be halved 4 times/);
  });

  it('says what is wrong with regression, one class, grouping or too few images', () => {
    expect(() => planImageRun(specFor({ task: 'regression' }), shapes)).toThrow(/task: image sets are classified/);
    expect(() => planImageRun(specFor({ split: { group: 'patient' } }), shapes)).toThrow(/split.group: grouping by a column needs a table/);
    const one = { ...shapes, classes: ['circle'], labels: new Int32Array(60) };
    expect(() => planImageRun(specFor(), one)).toThrow(/found 1 class; at least 2/);
    const tiny = generateShapes({ perClass: 1, width: 8, height: 8 });
    const two = { ...tiny, labels: tiny.labels.subarray(0, 2) };
    expect(() => planImageRun(specFor(), two)).toThrow(/only 2 images/);
  });
});

describe('trainingData', () => {
  const none = { table: false, images: false };
  it('follows data.kind, and for auto takes images only when no table is loaded', () => {
    expect(trainingData('images', { table: true, images: true })).toBe('images');
    expect(trainingData('table', { table: true, images: true })).toBe('table');
    expect(trainingData('auto', { table: false, images: true })).toBe('images');
    expect(trainingData('auto', { table: true, images: true })).toBe('table');
    expect(trainingData('auto', { table: true, images: false })).toBe('table');
  });

  it('says what to load when the data it needs is missing', () => {
    expect(() => trainingData('images', { ...none, table: true })).toThrow(/data.kind: no images loaded yet/);
    expect(() => trainingData('auto', none)).toThrow(/^no table loaded yet: load a CSV or a sample in Collect first$/);
    expect(() => trainingData('table', { ...none, images: true })).toThrow(/or set data.kind to 'images'/);
  });
});

describe('planImageRun with k-fold cross-validation', () => {
  it('cuts the train and validation images into k stratified folds and leaves test aside', () => {
    const plan = planImageRun(specFor({ split: { folds: 3 } }), shapes);
    expect(plan.folds).toHaveLength(3);
    const pool = [...plan.split.train, ...plan.split.validation].sort((a, b) => a - b);
    // Each image of the pool is held out in exactly one fold, and no fold touches the test images.
    const heldOut = plan.folds!.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(heldOut).toEqual(pool);
    for (const fold of plan.folds!) {
      const all = [...fold.train, ...fold.validation, ...fold.test].sort((a, b) => a - b);
      expect(all).toEqual(pool);
      for (const c of classOf(shapes, fold.test)) expect(c).toBeGreaterThanOrEqual(5); // ≈ 17 per class / 3
    }
    expect(planImageRun(specFor(), shapes).folds).toBeNull();
  });
});
