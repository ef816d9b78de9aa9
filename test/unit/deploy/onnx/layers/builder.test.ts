import { describe, expect, it } from 'vitest';
import { activationNames, layersSchema, type LayerInput } from '../../../../../src/core/train/layers-schema.ts';
import { buildStack } from '../../../../../workers/train/layers/build.ts';
import { compareWithOnnx, randomizeWeights } from './roundtrip.ts';

const tol = 1e-4;

describe("convertNetwork on the layer builder's models", () => {
  it('exports every layer type the builder emits (conv, both pools, batch norm, dropout, flatten, global pooling, dense)', async () => {
    const list: LayerInput[] = [
      { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, activation: 'elu' },
      { type: 'batchNorm' },
      { type: 'maxPool', poolSize: 2, strides: 1 },
      { type: 'conv2d', filters: 3, kernelSize: 2, padding: 'valid', activation: 'tanh' },
      { type: 'avgPool', poolSize: 2 },
      { type: 'dropout', rate: 0.3 },
      { type: 'flatten' },
      { type: 'dense', units: 6, activation: 'softplus' },
      { type: 'batchNorm' },
    ];
    const model = buildStack([13, 11, 3], layersSchema.parse(list), { units: 3, activation: 'softmax' }, 5);
    randomizeWeights(model, 3);
    const r = await compareWithOnnx(model, { batch: 4 });
    expect(r.nodes).toEqual(expect.arrayContaining(['Conv', 'Elu', 'BatchNormalization', 'MaxPool', 'Tanh', 'AveragePool', 'Flatten', 'MatMul', 'Softplus', 'Softmax']));
    expect(r.outputDims).toEqual([3]);
    expect(r.maxDiff).toBeLessThanOrEqual(tol);
    model.dispose();

    const global = buildStack([8, 8, 1], layersSchema.parse([{ type: 'conv2d', filters: 5 }, { type: 'globalAvgPool' }]), { units: 1, activation: 'linear' }, 6);
    randomizeWeights(global, 4);
    const g = await compareWithOnnx(global);
    expect(g.nodes).toContain('ReduceMean');
    expect(g.maxDiff).toBeLessThanOrEqual(tol);
    global.dispose();
  });

  it('exports every activation a layer may choose', async () => {
    const list: LayerInput[] = activationNames.map((activation) => ({ type: 'dense', units: 4, activation }));
    const model = buildStack([4], layersSchema.parse(list), { units: 2, activation: 'linear' }, 7);
    randomizeWeights(model, 5);
    const r = await compareWithOnnx(model, { scale: 2 });
    expect(r.maxDiff).toBeLessThanOrEqual(tol);
    model.dispose();
  });
});
