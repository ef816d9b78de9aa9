import * as tf from '@tensorflow/tfjs';
import { kernelCalls, type Info } from './kernel-calls.ts';

type Pad = tf.Conv2DBackpropFilterAttrs['pad'];

/**
 * Conv2DBackpropFilter (the conv2d weight gradient, tfjs issue 8474) for the WASM backend, as one
 * XNNPACK convolution: dW[kh, kw, ci, co] = Σ x[n, oh·s + kh − pt, ow·s + kw − pl, ci] · dy[n, oh, ow, co]
 * is a convolution of x with channels↔batch swapped ([Cin, H, W, N]) by dy as the filter
 * ([OH, OW, N, Cout]) dilated by the stride, with explicit padding sized so the output is KH×KW.
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
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const [, h, w] = x.shape;
  // Rows past the last window never reach the output: crop them (negative bottom padding).
  const bottom = kh + (info.outHeight - 1) * sh - h - info.padInfo.top;
  const right = kw + (info.outWidth - 1) * sw - w - info.padInfo.left;
  const calls = kernelCalls(backend as tf.KernelBackend);
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
  const dw = calls.run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
  calls.free(dw);
  return dw;
}
