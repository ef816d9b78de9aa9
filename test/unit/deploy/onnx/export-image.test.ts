import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { ImageModelDoc } from '../../../../src/core/deploy/model-doc.ts';
import { exportImageOnnx, exportTableOnnx, onnxSignature } from '../../../../src/core/deploy/onnx/export.ts';
import { defaultSpec } from '../../../../src/core/spec/validate.ts';
import { exportImageModelFiles } from '../../../../workers/train/export.ts';
import { buildCnn } from '../../../../workers/train/model.ts';

describe('exportImageOnnx: pixel bytes in, class probabilities out', () => {
  it('scales the bytes inside the graph and matches the TF.js CNN within 1e-5', async () => {
    const spec = defaultSpec('shapes', 'class');
    const [width, height, channels] = [12, 10, 3];
    const model = buildCnn(spec.model, [4, 6], spec.train, { width, height, channels, classes: 4 }, 7);
    const image = { kind: 'images' as const, width, height, channels: 3 as const, scale: 1 / 255, classes: ['a', 'b', 'c', 'd'], label: 'class' };
    const files = await exportImageModelFiles(model, image, { spec } as Parameters<typeof exportImageModelFiles>[2]);
    const doc = JSON.parse(new TextDecoder().decode(files['preprocessing.json'])) as ImageModelDoc;
    expect(onnxSignature(doc)).toEqual({ input: { name: 'input', dims: [10, 12, 3] }, output: { name: 'probabilities', dims: [4] } });

    const batch = 3;
    let s = 3;
    const pixels = Float32Array.from({ length: batch * height * width * channels }, () => (s = (s * 75 + 74) % 65537) % 256);
    const session = await ort.InferenceSession.create(exportImageOnnx(files));
    const out = await session.run({ input: new ort.Tensor('float32', pixels, [batch, height, width, channels]) });
    const onnx = out.probabilities.data as Float32Array;
    const kiln = tf.tidy(() => (model.predict(tf.tensor4d(pixels, [batch, height, width, channels]).mul(1 / 255)) as tf.Tensor).dataSync());
    model.dispose();

    expect(onnx.length).toBe(batch * 4);
    expect(Math.max(...Array.from(onnx, (v, i) => Math.abs(v - kiln[i])))).toBeLessThanOrEqual(1e-5);
    // Untrained but seeded, the rows still differ: the pixels reached the network.
    expect(Math.abs(onnx[0] - onnx[4]) + Math.abs(onnx[1] - onnx[5])).toBeGreaterThan(1e-6);
    expect(() => exportTableOnnx(files)).toThrow('preprocessing.json: this is an image model; export it with exportImageOnnx');
  });
});
