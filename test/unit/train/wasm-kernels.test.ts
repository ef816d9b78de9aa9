import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasm } from '../../../workers/train/wasm/setup.ts';

// Each kernel Kiln trains with, run on the WASM backend and on TF.js's CPU backend (the reference)
// over property-generated shapes, strides and paddings: outputs agree within 1e-4 of the
// reference's largest magnitude (or of 1, when smaller). Conv2DBackpropFilter is Kiln's own
// (workers/train/wasm/); Conv2DBackpropInput and MaxPoolGrad replace the shipped ones (slow; wrong
// on negative maxima); Conv2D and FusedConv2D are wrapped (uneven 'same' padding); AvgPoolGrad and
// the forward pools ship compiled and are checked because Kiln trains through them. TF.js 4.22 has
// no conv gradient for dilations > 1 on any backend: only the forward convolutions try dilation 2.

const tolerance = 1e-4;

beforeAll(async () => {
  tf.env().set('PROD', true);
  expect(await registerWasm()).toBe(true);
  await tf.setBackend('cpu');
});

/** A seeded normal array, so a failing case replays. */
function values(size: number, seed: number): Float32Array {
  return tf.tidy(() => tf.randomNormal([size], 0, 1, 'float32', seed).dataSync() as Float32Array);
}

type Inputs = Record<string, { shape: number[]; data: Float32Array }>;

/** Runs one kernel on a backend from plain arrays and returns its output's values and shape. */
async function runOn(backend: 'cpu' | 'wasm', kernel: string, inputs: Inputs, attrs: object): Promise<{ shape: number[]; data: Float32Array }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const tensors = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.data, v.shape)]));
  const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { shape: out.shape, data: (await out.data()) as Float32Array };
  tf.dispose([out, ...Object.values(tensors)]);
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

/**
 * The largest difference from the CPU's output, relative to the CPU output's largest magnitude (at
 * least 1: inputs are N(0, 1), and an output whose terms cancel to near 0 keeps float32's absolute
 * rounding error of the terms, ~1e-7, not a relative one).
 */
async function relativeError(kernel: string, inputs: Inputs, attrs: object): Promise<number> {
  const ref = await runOn('cpu', kernel, inputs, attrs);
  const got = await runOn('wasm', kernel, inputs, attrs);
  expect(got.shape).toEqual(ref.shape);
  const scale = Math.max(1, ...ref.data.map(Math.abs));
  return got.data.reduce((worst, v, i) => Math.max(worst, Math.abs(v - ref.data[i]) / scale), 0);
}

/** A conv or pool case: batch, image, channels, window, stride, padding, and the forward output shape. */
const geometry = fc
  .record({
    n: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 11 }),
    w: fc.integer({ min: 1, max: 11 }),
    cin: fc.integer({ min: 1, max: 5 }),
    cout: fc.integer({ min: 1, max: 5 }),
    k: fc.integer({ min: 1, max: 5 }),
    stride: fc.integer({ min: 1, max: 3 }),
    pad: fc.constantFrom('same' as const, 'valid' as const),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .filter((g) => g.pad === 'same' || (g.k <= g.h && g.k <= g.w));

const outSide = (side: number, k: number, s: number, pad: 'same' | 'valid') => (pad === 'same' ? Math.ceil(side / s) : Math.floor((side - k) / s) + 1);

describe('WASM kernels Kiln trains with equal the CPU backend', () => {
  it('Conv2DBackpropFilter (registered by Kiln) over shapes, strides and paddings', async () => {
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(geometry, async ({ n, h, w, cin, cout, k, stride, pad, seed }) => {
        const dyShape = [n, outSide(h, k, stride, pad), outSide(w, k, stride, pad), cout];
        const inputs = { x: { shape: [n, h, w, cin], data: values(n * h * w * cin, seed) }, dy: { shape: dyShape, data: values(dyShape.reduce((a, b) => a * b), seed + 1) } };
        const error = await relativeError('Conv2DBackpropFilter', inputs, { strides: stride, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: [k, k, cin, cout] });
        worst = Math.max(worst, error);
        expect(error).toBeLessThan(tolerance);
      }),
      { numRuns: 40, seed: 13 },
    );
    expect(worst).toBeGreaterThan(0); // the kernels really differ in summation order: the check is live
  });

  it('Conv2DBackpropInput (replaced by Kiln) over shapes, strides and paddings', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, async ({ n, h, w, cin, cout, k, stride, pad, seed }) => {
        const dyShape = [n, outSide(h, k, stride, pad), outSide(w, k, stride, pad), cout];
        const inputs = { dy: { shape: dyShape, data: values(dyShape.reduce((a, b) => a * b), seed) }, filter: { shape: [k, k, cin, cout], data: values(k * k * cin * cout, seed + 1) } };
        const attrs = { inputShape: [n, h, w, cin], strides: stride, pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
        expect(await relativeError('Conv2DBackpropInput', inputs, attrs)).toBeLessThan(tolerance);
      }),
      { numRuns: 30, seed: 14 },
    );
  });

  it('MaxPoolGrad (replaced by Kiln) and AvgPoolGrad over pool sizes, strides and paddings', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, async ({ n, h, w, cin, k, stride, pad, seed }) => {
        // Normal values: many windows hold only negative values (as after batch norm), never ties.
        const x = { shape: [n, h, w, cin], data: values(n * h * w * cin, seed) };
        const attrs = { filterSize: k, strides: stride, pad, dimRoundingMode: undefined };
        const dyShape = [n, outSide(h, k, stride, pad), outSide(w, k, stride, pad), cin];
        const dy = { shape: dyShape, data: values(dyShape.reduce((a, b) => a * b), seed + 1) };
        // MaxPoolGrad routes dy to each window's maximum; `output` is the forward result it was given.
        const output = await runOn('cpu', 'MaxPool', { x }, attrs);
        expect(await relativeError('MaxPoolGrad', { dy, input: x, output }, attrs)).toBeLessThan(tolerance);
        expect(await relativeError('AvgPoolGrad', { dy, input: x }, attrs)).toBeLessThan(tolerance);
      }),
      { numRuns: 30, seed: 15 },
    );
  });

  it('MaxPoolGrad sends a tied window\'s gradient to one of its maxima, and never outside the window', async () => {
    const x = { shape: [1, 2, 4, 1], data: Float32Array.from([0, 0, -1, -0.5, 0, 0, -0.5, -2]) };
    const dy = { shape: [1, 1, 2, 1], data: Float32Array.from([3, 5]) };
    const attrs = { filterSize: 2, strides: 2, pad: 'valid', dimRoundingMode: undefined };
    const output = await runOn('cpu', 'MaxPool', { x }, attrs);
    const got = await runOn('wasm', 'MaxPoolGrad', { dy, input: x, output }, attrs);
    // Left window: four zeros, the 3 lands on one of them (the last); right window: the two −0.5s tie.
    expect(Array.from(got.data)).toEqual([0, 0, 0, 0, 0, 3, 5, 0]);
  });

  it('forward Conv2D and FusedConv2D (same padding made explicit by Kiln) over shapes, strides, paddings and dilations', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, fc.integer({ min: 1, max: 2 }), async ({ n, h, w, cin, cout, k, stride, pad, seed }, dilation) => {
        // TF.js allows a dilation above 1 only with stride 1; the dilated kernel must fit a valid image.
        const d = stride === 1 && (pad === 'same' || (k - 1) * dilation + 1 <= Math.min(h, w)) ? dilation : 1;
        const x = { shape: [n, h, w, cin], data: values(n * h * w * cin, seed) };
        const filter = { shape: [k, k, cin, cout], data: values(k * k * cin * cout, seed + 1) };
        const attrs = { strides: stride, pad, dataFormat: 'NHWC', dilations: d, dimRoundingMode: undefined };
        expect(await relativeError('Conv2D', { x, filter }, attrs)).toBeLessThan(tolerance);
        const bias = { shape: [cout], data: values(cout, seed + 2) };
        expect(await relativeError('FusedConv2D', { x, filter, bias }, { ...attrs, activation: 'relu' })).toBeLessThan(tolerance);
      }),
      { numRuns: 40, seed: 16 },
    );
  });

  it('forward MaxPool and AvgPool over pool sizes, strides and paddings', async () => {
    await fc.assert(
      fc.asyncProperty(geometry, async ({ n, h, w, cin, k, stride, pad, seed }) => {
        const x = { shape: [n, h, w, cin], data: values(n * h * w * cin, seed) };
        const attrs = { filterSize: k, strides: stride, pad, dimRoundingMode: undefined };
        expect(await relativeError('MaxPool', { x }, attrs)).toBeLessThan(tolerance);
        expect(await relativeError('AvgPool', { x }, attrs)).toBeLessThan(tolerance);
      }),
      { numRuns: 30, seed: 17 },
    );
  });

  it('gradients of a conv → pool → dense loss through tf.grads match, weights and input', async () => {
    const shapes = { x: [2, 9, 9, 3], f: [3, 3, 3, 4], d: [4 * 4 * 4, 5] };
    const data = { x: values(2 * 9 * 9 * 3, 7), f: values(3 * 3 * 3 * 4, 8), d: values(64 * 5, 9) };
    const grads = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const [x, f, d] = [tf.tensor4d(data.x, shapes.x as never), tf.tensor4d(data.f, shapes.f as never), tf.tensor2d(data.d, shapes.d as never)];
      const loss = (x: tf.Tensor4D, f: tf.Tensor4D, d: tf.Tensor2D) => tf.conv2d(x, f, 2, 'same').relu().maxPool(2, 1, 'valid').avgPool(2, 1, 'same').reshape([2, 64]).matMul(d).square().mean();
      const out = tf.grads(loss as never)([x, f, d]);
      const result = await Promise.all(out.map(async (g) => Array.from(await g.data())));
      tf.dispose([x, f, d, ...out]);
      return result;
    };
    const [ref, got] = [await grads('cpu'), await grads('wasm')];
    for (const [i, r] of ref.entries()) {
      const scale = Math.max(...r.map(Math.abs));
      expect(scale).toBeGreaterThan(0);
      expect(got[i].reduce((m, v, j) => Math.max(m, Math.abs(v - r[j]) / scale), 0)).toBeLessThan(tolerance);
    }
  });
});
