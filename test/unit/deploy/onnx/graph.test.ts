import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { encodeModel, OnnxGraph } from '../../../../src/core/deploy/onnx/graph.ts';

describe('OnnxGraph', () => {
  it('writes a model onnxruntime runs: y = relu(x·W + b) with a dynamic batch', async () => {
    const g = new OnnxGraph();
    const w = g.constant('w', [1, -1, 2, 0.5], [2, 2]);
    const b = g.constant('b', [0.25, -10], [2]);
    const y = g.op('Relu', [g.op('Add', [g.op('MatMul', ['x', w]), b])]);
    const out = g.op('Identity', [y], {}, 'y');
    const bytes = encodeModel(g, { input: { name: 'x', dims: [-1, 2] }, output: { name: out, dims: [-1, 2] }, name: 'tiny' });
    const session = await ort.InferenceSession.create(bytes);
    const x = new ort.Tensor('float32', Float32Array.from([1, 2, 3, -4]), [2, 2]);
    const result = await session.run({ x });
    // [1,2]·W = [1+4, -1+1] = [5, 0] → +b → [5.25, -10] → relu → [5.25, 0]
    // [3,-4]·W = [3-8, -3-2] = [-5, -5] → +b → [-4.75, -15] → relu → [0, 0]
    expect(Array.from(result[out].data as Float32Array)).toEqual([5.25, 0, 0, 0]);
    expect(session.inputNames).toEqual(['x']);
  });

  it('makes names unique and safe', () => {
    const g = new OnnxGraph();
    expect([g.name('a b'), g.name('a b'), g.name('')]).toEqual(['a_b_0', 'a_b_1', 'v_0']);
  });
});
