import * as tf from '@tensorflow/tfjs';
import { kernelCalls, type Info } from './kernel-calls.ts';

type Pad = tf.Conv2DBackpropInputAttrs['pad'];

/**
 * Conv2DBackpropInput (conv2d's input gradient) for the WASM backend as one XNNPACK convolution.
 * tfjs-backend-wasm ships a compiled one, but it is a plain loop: 5–8× slower than this on Kiln's
 * convnets. dx is the correlation of dy — dilated by the stride, padded by KH − 1 − top — with the
 * filter flipped in space and its channels swapped ([KH, KW, Cout, Cin]).
 */
export function conv2dBackpropInput({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): Info {
  const { dy, filter } = inputs as { dy: Info; filter: Info };
  const { inputShape, strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (dataFormat !== 'NHWC') throw new Error(`wasm Conv2DBackpropInput supports NHWC only, not ${dataFormat}`);
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad as Pad, dimRoundingMode);
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const [n, h, w] = inputShape;
  const [oh, ow, cout] = [info.outHeight, info.outWidth, info.outChannels];
  const calls = kernelCalls(backend as tf.KernelBackend);
  let spread = dy;
  if (sh > 1 || sw > 1) {
    // Zeros between dy's rows and columns: [N, OH, 1, OW, 1, C] padded to [N, OH, sh, OW, sw, C].
    const six = calls.run('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, cout] });
    const padded = calls.run('PadV2', { x: six }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
    const flat = calls.run('Reshape', { x: padded }, { shape: [n, oh * sh, ow * sw, cout] });
    spread = calls.run('Slice', { x: flat }, { begin: [0, 0, 0, 0], size: [n, (oh - 1) * sh + 1, (ow - 1) * sw + 1, cout] });
  }
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const bottom = h + kh - 1 - spread.shape[1] - top;
  const right = w + kw - 1 - spread.shape[2] - left;
  const flipped = calls.run('Reverse', { x: filter }, { dims: [0, 1] });
  const swapped = calls.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
  const padding = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const dx = calls.run('Conv2D', { x: spread, filter: swapped }, { strides: [1, 1], pad: padding, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined });
  calls.free(dx);
  return dx;
}
