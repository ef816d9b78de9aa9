import { describe, expect, it } from 'vitest';
import { describeLayer, inferStack, type OutputLayer } from '../../../src/core/train/layers.ts';
import { defaultLayer, moveLayer } from '../../../src/core/train/layer-edit.ts';
import { layersSchema, layerTypes, type LayerInput } from '../../../src/core/train/layers-schema.ts';

const softmax10: OutputLayer = { units: 10, activation: 'softmax' };
const value: OutputLayer = { units: 1, activation: 'linear' };
const parse = (layers: LayerInput[]) => layersSchema.parse(layers);

describe('inferStack', () => {
  it('counts a table MLP like TF.js: in·units + units per dense, then the output', () => {
    const s = inferStack([12], parse([{ type: 'dense', units: 32 }, { type: 'dropout' }, { type: 'dense', units: 8, activation: 'tanh' }]), value);
    expect(s.rows.map((r) => [r.index, r.type, r.shape, r.params])).toEqual([
      [0, 'dense', [32], 12 * 32 + 32],
      [1, 'dropout', [32], 0],
      [2, 'dense', [8], 32 * 8 + 8],
      [null, 'output', [1], 9],
    ]);
    expect([s.params, s.trainable, s.issue]).toEqual([416 + 264 + 9, 689, null]);
  });

  it('follows an image through same/valid convs, strides, pools, batch norm and an automatic flatten', () => {
    const layers = parse([
      { type: 'conv2d', filters: 8, kernelSize: 3 },
      { type: 'batchNorm' },
      { type: 'maxPool' },
      { type: 'conv2d', filters: 4, kernelSize: 5, strides: 2, padding: 'valid' },
      { type: 'avgPool', poolSize: 2, strides: 1 },
    ]);
    const s = inferStack([28, 28, 1], layers, softmax10);
    expect(s.rows.map((r) => [r.type, r.shape, r.params, r.trainable])).toEqual([
      ['conv2d', [28, 28, 8], 3 * 3 * 1 * 8 + 8, 80],
      ['batchNorm', [28, 28, 8], 32, 16],
      ['maxPool', [14, 14, 8], 0, 0],
      ['conv2d', [5, 5, 4], 5 * 5 * 8 * 4 + 4, 804], // floor((14 - 5) / 2) + 1
      ['avgPool', [4, 4, 4], 0, 0],
      ['flatten', [64], 0, 0],
      ['output', [10], 650, 650],
    ]);
    expect(s.rows[5]).toMatchObject({ index: null, label: 'flatten (added: the output takes a flat input)' });
    expect([s.params, s.trainable]).toEqual([80 + 32 + 804 + 650, 80 + 16 + 804 + 650]);
  });

  it('rounds same-padded strided convs up and global pooling down to the channels', () => {
    const s = inferStack([7, 5, 3], parse([{ type: 'conv2d', filters: 6, kernelSize: 3, strides: 2 }, { type: 'globalAvgPool' }]), value);
    expect(s.rows.map((r) => r.shape)).toEqual([[4, 3, 6], [6], [1]]);
  });

  it('explains, by layer, a conv after flatten, on a table, and a dense on an image', () => {
    const afterFlatten = inferStack([8, 8, 1], parse([{ type: 'flatten' }, { type: 'dense', units: 64 }, { type: 'conv2d', filters: 4 }]), softmax10);
    expect(afterFlatten.issue?.message).toBe('model.layers[2] (conv2d) needs an image input [H, W, C] but gets [64]; put it before flatten');
    expect(afterFlatten.rows.map((r) => r.index)).toEqual([0, 1]);
    const afterGlobal = inferStack([8, 8, 2], parse([{ type: 'globalAvgPool' }, { type: 'maxPool' }]), softmax10);
    expect(afterGlobal.issue?.message).toBe('model.layers[1] (maxPool) needs an image input [H, W, C] but gets [2]; put it before globalAvgPool');
    const table = inferStack([5], parse([{ type: 'conv2d', filters: 4 }]), value);
    expect(table.issue).toEqual({
      path: 'model.layers[0]',
      index: 0,
      detail: '(conv2d) needs an image input [H, W, C] but gets [5], and this data is a table; remove it',
      message: 'model.layers[0] (conv2d) needs an image input [H, W, C] but gets [5], and this data is a table; remove it',
    });
    expect(inferStack([4, 4, 3], parse([{ type: 'dense', units: 8 }]), value).issue?.message).toBe(
      'model.layers[0] (dense) gets the image [4, 4, 3]; add flatten or globalAvgPool before it',
    );
  });

  it('explains a pool that shrinks a side to 0, a valid kernel larger than the image, a second flatten and no classes', () => {
    const pools = parse([{ type: 'maxPool' }, { type: 'maxPool' }, { type: 'maxPool' }]);
    expect(inferStack([6, 6, 1], pools, softmax10).issue?.message).toBe(
      'model.layers[2] (maxPool) shrinks the 1×1 image to 0×0 with a 2×2 pool; use a smaller pool, fewer pooling layers or larger images',
    );
    expect(inferStack([4, 6, 1], parse([{ type: 'conv2d', filters: 2, kernelSize: 5, padding: 'valid' }]), softmax10).issue?.message).toBe(
      "model.layers[0] (conv2d) has a 5×5 kernel but the image is 4×6 here; use padding 'same' or a smaller kernel",
    );
    expect(inferStack([4, 4, 1], parse([{ type: 'flatten' }, { type: 'flatten' }]), softmax10).issue?.message).toBe(
      'model.layers[1] (flatten) gets [16], which is already flat; remove it',
    );
    expect(inferStack([3], [], { units: 0, activation: 'softmax' }).issue?.message).toBe(
      'model (output) has 0 units; the task needs at least 1 (are there classes to predict?)',
    );
  });

  it('names preset layers through the path it is given', () => {
    const s = inferStack([2, 2, 1], parse([{ type: 'maxPool', poolSize: 3 }]), softmax10, (i) => `model.preset 'cnn-28-grey' layer ${i}`);
    expect(s.issue?.path).toBe("model.preset 'cnn-28-grey' layer 0");
  });

  it('describes layers in a few words', () => {
    expect(parse([{ type: 'conv2d', filters: 16, strides: 2, activation: 'elu' }, { type: 'avgPool', poolSize: 3, strides: 1 }, { type: 'dropout', rate: 0.1 }]).map(describeLayer)).toEqual([
      'conv2d 16 · 3×3 stride 2 same, elu',
      'avgPool 3×3 stride 1',
      'dropout 0.1',
    ]);
  });
});

describe('layer edits', () => {
  it('adds each type with defaults the schema accepts, and moves layers within bounds', () => {
    const all = layerTypes.map(defaultLayer);
    expect(layersSchema.parse(all)).toEqual(all);
    const [a, b, c] = all;
    expect(moveLayer([a, b, c], 2, -1)).toEqual([a, c, b]);
    expect(moveLayer([a, b, c], 0, 1)).toEqual([b, a, c]);
    expect(moveLayer([a, b, c], 0, -1)).toEqual([a, b, c]);
    expect(moveLayer([a, b, c], 2, 1)).toEqual([a, b, c]);
  });
});
