import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../../src/core/errors.ts';
import { pipelineSpecSchema, type ModelSpec } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { describeLayer } from '../../../src/core/train/layers.ts';
import type { PresetName } from '../../../src/core/train/layers-schema.ts';
import { autoPreset, checkedModel, modelStack, resolveModel, type ModelContext } from '../../../src/core/train/presets.ts';

const modelOf = (model: object): ModelSpec => pipelineSpecSchema.parse({ version: 1, data: { source: 'x', label: 'y' }, model }).model;
const iris: ModelContext = { kind: 'table', task: 'classification', input: [4], classes: 3, rows: 105 };
const digits: ModelContext = { kind: 'images', task: 'classification', input: [28, 28, 1], classes: 10, rows: 2000 };
const words = (preset: PresetName, ctx: ModelContext) => resolveModel(modelOf({ preset }), ctx).layers.map(describeLayer);

describe('presets', () => {
  it('resolve linear and logistic to no hidden layer, with the output from the task', () => {
    for (const preset of ['linear', 'logistic'] as const) {
      const { summary } = modelStack(modelOf({ preset }), iris);
      expect(summary.rows.map((r) => [r.label, r.params])).toEqual([['dense 3, softmax (added: one per class)', 4 * 3 + 3]]);
    }
    const cars: ModelContext = { kind: 'table', task: 'regression', input: [6], classes: 0 };
    expect(modelStack(modelOf({ preset: 'linear' }), cars).summary.rows.map((r) => [r.label, r.params])).toEqual([['dense 1, linear (added: the predicted value)', 7]]);
  });

  it('size the MLP by training rows', () => {
    expect(words('mlp', iris)).toEqual(['dense 32, relu']);
    expect(words('mlp', { ...iris, rows: 5000 })).toEqual(['dense 64, relu', 'dense 32, relu']);
    expect(words('mlp', { ...iris, rows: 50000 })).toEqual(['dense 128, relu', 'dense 64, relu']);
    expect(words('mlp', digits)).toEqual(['flatten', 'dense 128, relu', 'dropout 0.2']);
  });

  it('build the documented CNNs, narrower under 500 training images', () => {
    expect(words('cnn-28-grey', digits)).toEqual([
      'conv2d 16 · 3×3 same, relu', 'maxPool 2×2', 'conv2d 32 · 3×3 same, relu', 'maxPool 2×2', 'flatten', 'dense 64, relu', 'dropout 0.25',
    ]);
    expect(words('cnn-28-grey', { ...digits, rows: 100 }).filter((w) => /conv|dense/.test(w))).toEqual(['conv2d 8 · 3×3 same, relu', 'conv2d 16 · 3×3 same, relu', 'dense 32, relu']);
    const colour32: ModelContext = { ...digits, input: [32, 32, 3] };
    expect(words('cnn-32-colour', colour32).filter((w) => w !== 'dropout 0.3')).toEqual([
      'conv2d 16 · 3×3 same, relu', 'batchNorm', 'maxPool 2×2', 'conv2d 32 · 3×3 same, relu', 'batchNorm', 'maxPool 2×2', 'conv2d 64 · 3×3 same, relu', 'maxPool 2×2', 'flatten', 'dense 64, relu',
    ]);
    const colour64 = modelStack(modelOf({ preset: 'cnn-64-colour' }), { ...digits, input: [64, 64, 3] }).summary;
    expect(colour64.issue).toBeNull();
    expect(colour64.rows.find((r) => r.type === 'globalAvgPool')?.shape).toEqual([64]);
    // Each preset fits the size it is named after.
    for (const [preset, input] of [['cnn-28-grey', [28, 28, 1]], ['cnn-32-colour', [32, 32, 3]], ['cnn-64-colour', [64, 64, 3]]] as const) {
      expect(modelStack(modelOf({ preset }), { ...digits, input: [...input] }).summary.issue).toBeNull();
    }
  });

  it('auto picks an MLP for tables and the CNN nearest the image size', () => {
    expect(autoPreset(iris)).toBe('mlp');
    expect(autoPreset(digits)).toBe('cnn-28-grey');
    expect(autoPreset({ ...digits, input: [28, 28, 3] })).toBe('cnn-32-colour');
    expect(autoPreset({ ...digits, input: [32, 32, 3] })).toBe('cnn-32-colour');
    expect(autoPreset({ ...digits, input: [64, 48, 1] })).toBe('cnn-64-colour');
    expect(resolveModel(modelOf({ preset: 'auto' }), digits)).toMatchObject({ source: 'preset', preset: 'cnn-28-grey' });
  });

  it('explain a preset that does not fit the task, the data or the image size', () => {
    const regression: ModelContext = { kind: 'table', task: 'regression', input: [3], classes: 0 };
    expect(modelStack(modelOf({ preset: 'logistic' }), regression).summary.issue?.message).toBe('model.preset (logistic) is for classes, and this label is a number; use linear');
    expect(modelStack(modelOf({ preset: 'cnn-28-grey' }), iris).summary.issue?.message).toBe('model.preset (cnn-28-grey) needs images, and this data is a table; use mlp or linear');
    expect(() => checkedModel(modelOf({ preset: 'cnn-64-colour' }), { ...digits, input: [8, 8, 1] })).toThrow(
      "model.preset 'cnn-64-colour' layer 10: (maxPool) shrinks the 1×1 image to 0×0 with a 2×2 pool; use a smaller pool, fewer pooling layers or larger images",
    );
  });
});

describe('resolveModel', () => {
  it('lets layers win over a preset, and a preset over the shorthand', () => {
    const both = modelOf({ preset: 'mlp', layers: [{ type: 'dense', units: 3 }], hidden: [99] });
    expect(resolveModel(both, iris).layers.map(describeLayer)).toEqual(['dense 3, relu']);
    expect(resolveModel(modelOf({ preset: 'linear', hidden: [99] }), iris).layers).toEqual([]);
  });

  it('turns the shorthand into the layers it always built', () => {
    const model = modelOf({ hidden: [12, 8], activation: 'tanh', dropout: 0.3, filters: [4, 6] });
    expect(resolveModel(model, iris).layers.map(describeLayer)).toEqual(['dense 12, tanh', 'dropout 0.3', 'dense 8, tanh', 'dropout 0.3']);
    expect(resolveModel(model, digits).layers.map(describeLayer)).toEqual([
      'conv2d 4 · 3×3 same, relu', 'maxPool 2×2', 'conv2d 6 · 3×3 same, relu', 'maxPool 2×2', 'flatten', 'dense 12, tanh', 'dropout 0.3', 'dense 8, tanh', 'dropout 0.3',
    ]);
    expect(resolveModel({ ...model, type: 'mlp' }, digits).layers.map(describeLayer)[0]).toBe('flatten');
  });

  it('checkedModel throws a KilnError at the layer path', () => {
    try {
      checkedModel(modelOf({ layers: [{ type: 'flatten' }, { type: 'conv2d', filters: 2 }] }), digits);
      expect.unreachable();
    } catch (e) {
      expect(isKilnError(e) && [e.where.path, e.message]).toEqual(['model.layers[1]', 'model.layers[1]: (conv2d) needs an image input [H, W, C] but gets [784]; put it before flatten']);
    }
  });
});

describe('the spec', () => {
  it('reads model.layers with defaults and names a bad layer by its path', () => {
    const model = modelOf({ layers: [{ type: 'conv2d', filters: 8 }, { type: 'maxPool' }, { type: 'dropout' }] });
    expect(model.layers).toEqual([
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'maxPool', poolSize: 2 },
      { type: 'dropout', rate: 0.25 },
    ]);
    const bad = validateSpec({ version: 1, data: { source: 'x', label: 'y' }, model: { layers: [{ type: 'dense', units: 4 }, { type: 'lstm' }, { type: 'dense', units: 0 }] } });
    expect(!bad.ok && bad.issues).toEqual([
      { path: 'model.layers.1.type', message: 'must be a layer: type dense, conv2d, maxPool, avgPool, dropout, batchNorm, flatten or globalAvgPool' },
      { path: 'model.layers.2.units', message: 'must be 1 or more' },
    ]);
  });
});
