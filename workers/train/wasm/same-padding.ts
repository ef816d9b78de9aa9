import * as tf from '@tensorflow/tfjs';

/**
 * Wraps the WASM backend's Conv2D or FusedConv2D so that padding 'same' reaches XNNPACK as the
 * explicit padding TF.js computes. Given 'same' itself, the compiled kernel asks XNNPACK for its own
 * SAME padding, which differs from TF.js's when the padding is uneven and the stride is over 1
 * (e.g. 9×9, kernel 2, stride 3): its outputs then disagree with the CPU backend's.
 */
export function padSameExplicitly(kernelName: 'Conv2D' | 'FusedConv2D'): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (!original) throw new Error(`the wasm backend has no ${kernelName} kernel`);
  const kernelFunc: tf.KernelFunc = (args) => {
    const attrs = args.attrs as unknown as tf.Conv2DAttrs;
    if (attrs.pad !== 'same') return original.kernelFunc(args);
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      attrs.strides,
      attrs.dilations,
      'same',
      attrs.dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
    );
    const p = info.padInfo;
    const pad = [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]];
    return original.kernelFunc({ ...args, attrs: { ...args.attrs, pad } as unknown as tf.NamedAttrMap });
  };
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}
