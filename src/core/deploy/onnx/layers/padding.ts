import { choiceOption, unsupported, type LayerSpec } from './layer-spec.ts';

/** Explicit pads for one spatial axis and the size that comes out. */
export interface AxisWindow {
  before: number;
  after: number;
  out: number;
}

/**
 * Pads one axis the way TF does: 'valid' pads nothing; 'same' gives ceil(size / stride) outputs
 * and puts the odd pad at the end (ONNX's SAME_UPPER). Written out explicitly because we know
 * every size, and explicit pads mean the same thing in every ONNX runtime.
 *
 * axisWindow('same', 5, 3, 2, 1) // → { before: 1, after: 1, out: 3 }
 */
export function axisWindow(padding: 'valid' | 'same', size: number, kernel: number, stride: number, dilation: number): AxisWindow {
  const span = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return { before: 0, after: 0, out: Math.floor((size - span) / stride) + 1 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + span - size, 0);
  return { before: Math.floor(total / 2), after: total - Math.floor(total / 2), out };
}

/** ONNX window attributes and the [H, W] out of a 2-D window over an [H, W, C] value. */
export function window2d(layer: LayerSpec, shape: number[], kernel: [number, number], strides: [number, number], dilations: [number, number] = [1, 1]) {
  const padding = choiceOption(layer, 'padding', ['valid', 'same'] as const);
  const [h, w] = [0, 1].map((i) => axisWindow(padding, shape[i], kernel[i], strides[i], dilations[i]));
  if (h.out < 1 || w.out < 1) throw unsupported(layer, `on input [${shape}]: its window is larger than the input`);
  return {
    attrs: {
      kernel_shape: { ints: kernel },
      strides: { ints: strides },
      pads: { ints: [h.before, w.before, h.after, w.after] },
    },
    out: [h.out, w.out] as [number, number],
  };
}
