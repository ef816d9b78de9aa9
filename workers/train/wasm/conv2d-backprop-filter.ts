import * as tf from '@tensorflow/tfjs';
import { kernelCalls, type Info } from './kernel-calls.ts';

type Pad = tf.Conv2DBackpropFilterAttrs['pad'];

/**
 * Conv2DBackpropFilter (the conv2d weight gradient, tfjs issue 8474) for the WASM backend, from
 * kernels XNNPACK runs: dW[kh, kw, ci, co] = Σ x[n, oh·s + kh − pt, ow·s + kw − pl, ci] · dy[n, oh, ow, co]
 * is a convolution of x with channels↔batch swapped ([Cin, H, W, N]) by dy as the filter
 * ([OH, OW, N, Cout]) dilated by the stride, with explicit padding sized so the output is KH×KW;
 * for thin inputs, a product of dy with the input's patches.
 */
export function conv2dBackpropFilter({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') throw new Error(`wasm Conv2DBackpropFilter supports NHWC only, not ${dataFormat}`);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad as Pad,
    dimRoundingMode,
  );
  const calls = kernelCalls(backend as tf.KernelBackend);
  const dw = info.filterHeight * info.filterWidth * info.inChannels <= patchLimit ? byPatches(calls, x, dy, info, pad as Pad, dimRoundingMode) : byDilatedConv(calls, x, dy, info);
  calls.free(dw);
  return dw;
}

/** Up to this many values per patch (3×3×3: an RGB first layer) the patch route is faster. */
const patchLimit = 27;

type Calls = ReturnType<typeof kernelCalls>;

/**
 * For a thin input (the first layer), the dilated convolution has one "image" per input channel
 * and XNNPACK runs it poorly. Here XNNPACK extracts the patches instead — a convolution with a
 * one-hot filter, [N, OH, OW, KH·KW·Cin] — and dW is dyᵀ · patches as one matrix product.
 */
function byPatches(calls: Calls, x: Info, dy: Info, info: tf.backend_util.Conv2DInfo, pad: Pad, dimRoundingMode: tf.Conv2DBackpropFilterAttrs['dimRoundingMode']): Info {
  const size = info.filterHeight * info.filterWidth * info.inChannels;
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const range = calls.run('Range', {}, { start: 0, stop: size, step: 1, dtype: 'int32' });
  // The wasm OneHot writes int32 bits whatever dtype it is asked for: build int32, then cast.
  const ones = calls.run('OneHot', { indices: range }, { depth: size, onValue: 1, offValue: 0, dtype: 'int32' });
  const eye = calls.run('Cast', { x: ones }, { dtype: 'float32' });
  const filter = calls.run('Reshape', { x: eye }, { shape: [info.filterHeight, info.filterWidth, info.inChannels, size] });
  const strides = [info.strideHeight, info.strideWidth];
  const patches = calls.run('Conv2D', { x, filter }, { strides, pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode });
  const p = calls.run('Reshape', { x: patches }, { shape: [1, rows, size] });
  const d = calls.run('Reshape', { x: dy }, { shape: [1, rows, info.outChannels] });
  const dt = calls.run('Transpose', { x: d }, { perm: [0, 2, 1] });
  const product = calls.run('BatchMatMul', { a: dt, b: p }, { transposeA: false, transposeB: false });
  const flat = calls.run('Transpose', { x: product }, { perm: [0, 2, 1] });
  return calls.run('Reshape', { x: flat }, { shape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] });
}

/** The general route: one XNNPACK convolution of x, channels↔batch swapped, by dy dilated by the stride. */
function byDilatedConv(calls: Calls, x: Info, dy: Info, info: tf.backend_util.Conv2DInfo): Info {
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const [, h, w] = x.shape;
  // Rows past the last window never reach the output: crop them (negative bottom padding).
  const bottom = kh + (info.outHeight - 1) * sh - h - info.padInfo.top;
  const right = kw + (info.outWidth - 1) * sw - w - info.padInfo.left;
  let input = x;
  if (bottom < 0 || right < 0) {
    const size = [x.shape[0], h + Math.min(0, bottom), w + Math.min(0, right), x.shape[3]];
    input = calls.run('Slice', { x }, { begin: [0, 0, 0, 0], size });
  }
  const xt = calls.run('Transpose', { x: input }, { perm: [3, 1, 2, 0] });
  const dyt = calls.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const padding = [
    [0, 0],
    [info.padInfo.top, Math.max(0, bottom)],
    [info.padInfo.left, Math.max(0, right)],
    [0, 0],
  ];
  const conv = calls.run('Conv2D', { x: xt, filter: dyt }, { strides: [1, 1], pad: padding, dataFormat: 'NHWC', dilations: [sh, sw], dimRoundingMode: undefined });
  return calls.run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
}
