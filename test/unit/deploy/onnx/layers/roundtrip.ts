import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { encodeModel, OnnxGraph } from '../../../../../src/core/deploy/onnx/graph.ts';
import { convertNetwork } from '../../../../../src/core/deploy/onnx/layers/index.ts';
import { layersModelFiles } from '../../../../../workers/train/export.ts';

tf.env().set('PROD', true);

/** model.json (parsed) and weights.bin exactly as Kiln's export writes them. */
export async function exportFiles(model: tf.LayersModel) {
  const files = await layersModelFiles(model);
  return { modelJson: JSON.parse(new TextDecoder().decode(files['model.json'])) as unknown, weights: files['weights.bin'] };
}

/** Gives every weight seeded random values; variances stay positive so BatchNormalization is sane. */
export function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const values = model.weights.map((w, i) => {
    const [low, high] = w.name.includes('moving_variance') ? [0.3, 2] : [-1, 1];
    return tf.randomUniform(w.shape as number[], low, high, 'float32', seed + i);
  });
  model.setWeights(values);
  tf.dispose(values);
}

/** Converts `model` to ONNX, runs both on the same seeded random batch, and reports the worst gap. */
export async function compareWithOnnx(model: tf.LayersModel, { batch = 5, seed = 1, scale = 1 } = {}) {
  const files = await exportFiles(model);
  const g = new OnnxGraph();
  const { output, outputDims } = convertNetwork(g, files, 'input');
  const inShape = model.inputs[0].shape.slice(1) as number[];
  const bytes = encodeModel(g, { input: { name: 'input', dims: [-1, ...inShape] }, output: { name: output, dims: [-1, ...outputDims] }, name: 'net' });
  const x = tf.randomUniform([batch, ...inShape], -scale, scale, 'float32', seed);
  const expected = model.predict(x) as tf.Tensor;
  const want = expected.dataSync() as Float32Array;
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ input: new ort.Tensor('float32', x.dataSync() as Float32Array, [batch, ...inShape]) });
  const got = result[output];
  let maxDiff = 0;
  for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs((got.data as Float32Array)[i] - want[i]));
  const out = { maxDiff, onnxDims: got.dims.slice(), tfShape: expected.shape, outputDims, nodes: g.nodes.map((n) => n.opType) };
  tf.dispose([x, expected]);
  await session.release();
  return out;
}
