import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../../../../src/core/errors.ts';
import { OnnxGraph } from '../../../../../src/core/deploy/onnx/graph.ts';
import { convertNetwork, readWeights } from '../../../../../src/core/deploy/onnx/layers/index.ts';
import { readChain } from '../../../../../src/core/deploy/onnx/layers/topology.ts';
import { exportFiles } from './roundtrip.ts';

/** The KilnError message converting `model` throws (fails the test when it converts fine). */
async function refusal(model: tf.LayersModel, edit: (json: any) => void = () => {}): Promise<string> {
  const files = await exportFiles(model);
  edit(files.modelJson);
  model.dispose();
  try {
    convertNetwork(new OnnxGraph(), files, 'input');
  } catch (e) {
    if (!isKilnError(e)) throw e;
    return e.message;
  }
  throw new Error('the conversion should have failed');
}

const sequential = (...layers: tf.layers.Layer[]) => {
  const model = tf.sequential();
  layers.forEach((l) => model.add(l));
  return model;
};

describe('convertNetwork refusals', () => {
  it('names the layer and class of an unsupported layer', async () => {
    const lstm = await refusal(sequential(tf.layers.lstm({ units: 3, inputShape: [4, 2], name: 'lstm_1' })));
    expect(lstm).toMatch(/^ONNX export does not support layer 'lstm_1' \(LSTM\)\. Export the TF\.js model instead/);
    const rnn = await refusal(sequential(tf.layers.dense({ units: 2, inputShape: [5, 3] }), tf.layers.simpleRNN({ units: 2, name: 'rnn' })));
    expect(rnn).toContain("layer 'rnn' (SimpleRNN)");
  });

  it('refuses channels_first, an unknown activation and a non-last BatchNormalization axis', async () => {
    const conv = () => tf.layers.conv2d({ inputShape: [3, 4, 4], filters: 2, kernelSize: 1, dataFormat: 'channelsFirst', name: 'cf' });
    expect(await refusal(sequential(conv()))).toContain("layer 'cf' (Conv2D) with data_format 'channels_first'");
    const dense = () => tf.layers.dense({ units: 2, inputShape: [3], name: 'd' });
    const edited = await refusal(sequential(dense()), (json) => (json.modelTopology.config.layers[0].config.activation = 'cube'));
    expect(edited).toContain(`layer 'd' (Dense) with activation "cube"`);
    const bn = await refusal(sequential(tf.layers.batchNormalization({ inputShape: [3, 4, 2], axis: 1, name: 'bn' })));
    expect(bn).toContain("layer 'bn' (BatchNormalization) with axis 1");
  });

  it('refuses functional models that branch, merge or reuse a layer', async () => {
    const input = tf.input({ shape: [3] });
    const shared = tf.layers.dense({ units: 3, name: 'shared' });
    const twice = tf.model({ inputs: input, outputs: shared.apply(shared.apply(input)) as tf.SymbolicTensor });
    expect(await refusal(twice)).toContain("layer 'shared' (Dense) called 2 times");

    const a = tf.layers.dense({ units: 2, name: 'a' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 2, name: 'b' }).apply(input) as tf.SymbolicTensor;
    const merged = tf.model({ inputs: input, outputs: tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor });
    expect(await refusal(merged)).toContain("layer 'sum' (Add) with several inputs");
  });

  it('refuses a weights.bin that does not match model.json', async () => {
    const files = await exportFiles(sequential(tf.layers.dense({ units: 2, inputShape: [3] })));
    const short = { ...files, weights: files.weights.subarray(0, 20) };
    expect(() => convertNetwork(new OnnxGraph(), short, 'input')).toThrow(/weights\.bin ends before weight '.*\/kernel' \(needs 24 bytes, has 20\)/);
  });
});

describe('readWeights', () => {
  it('reads each weight by name with its shape, from a byte array at any offset', async () => {
    const model = sequential(tf.layers.dense({ units: 2, inputShape: [3], name: 'd' }));
    const kernel = tf.tensor2d([1, 2, 3, 4, 5, 6.5], [3, 2]);
    const bias = tf.tensor1d([-1, 0.25]);
    model.setWeights([kernel, bias]);
    const files = await exportFiles(model);
    // An odd offset into a bigger buffer: Float32Array views would throw on it, DataView must not.
    const padded = new Uint8Array(files.weights.length + 1);
    padded.set(files.weights, 1);
    const weights = readWeights(files.modelJson, padded.subarray(1));
    expect([...weights.keys()]).toEqual(['d/kernel', 'd/bias']);
    expect(weights.get('d/kernel')).toEqual({ values: Float32Array.from([1, 2, 3, 4, 5, 6.5]), shape: [3, 2] });
    expect(Array.from(weights.get('d/bias')!.values)).toEqual([-1, 0.25]);
    tf.dispose([kernel, bias]);
    model.dispose();
  });
});

describe('readChain', () => {
  it('reads the input shape and layers, also from the model_config nesting Python Keras exports use', async () => {
    const model = sequential(tf.layers.dense({ units: 2, inputShape: [3], name: 'd' }), tf.layers.dropout({ rate: 0.1, name: 'drop' }));
    const { modelJson } = await exportFiles(model);
    model.dispose();
    const chain = readChain(modelJson);
    expect(chain.inputShape).toEqual([3]);
    expect(chain.layers.map((l) => [l.className, l.name])).toEqual([['Dense', 'd'], ['Dropout', 'drop']]);
    const nested = { modelTopology: { model_config: (modelJson as { modelTopology: unknown }).modelTopology } };
    expect(readChain(nested)).toEqual(chain);
  });
});
