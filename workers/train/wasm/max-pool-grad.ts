import * as tf from '@tensorflow/tfjs';
import { kernelCalls, type Info } from './kernel-calls.ts';

/**
 * MaxPoolGrad for the WASM backend. tfjs-backend-wasm 4.22 ships one, but its running maximum starts
 * at FLT_MIN (the smallest positive float, not −FLT_MAX), so a window of values ≤ 0 sends its
 * gradient to element 0 of the whole tensor: wrong after batch norm, a signed activation, or a
 * window of ReLU zeros. Its MaxPoolWithArgmax has the same bug, so this one lifts x to ≥ 1 first
 * (x − min(x) + 1 keeps the order), asks MaxPoolWithArgmax where each window's maximum is and adds dy
 * there with ScatterNd, which sums where windows overlap. On a tie the last maximum gets the
 * gradient where the CPU backend picks the first; in training ties are ReLU zeros, whose gradient
 * ReLU then discards either way, so the weights' gradients are the same.
 */
export function maxPoolGrad({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): Info {
  const { dy, input } = inputs as { dy: Info; input: Info };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  if (dimRoundingMode !== undefined) throw new Error('wasm MaxPoolGrad does not support dimRoundingMode');
  const calls = kernelCalls(backend as tf.KernelBackend);
  const low = calls.run('Min', { x: input }, { axis: input.shape.map((_, i) => i), keepDims: false });
  const one = calls.run('Fill', {}, { shape: [], value: 1, dtype: 'float32' });
  const lifted = calls.run('Sub', { a: input, b: calls.run('Sub', { a: low, b: one }) });
  const [, positions] = argmax(calls, lifted, { filterSize, strides, pad, includeBatchInIndex: true });
  const size = input.shape.reduce((a, b) => a * b, 1);
  const indices = calls.run('Reshape', { x: positions }, { shape: [-1, 1] });
  const updates = calls.run('Reshape', { x: dy }, { shape: [-1] });
  const flat = calls.run('ScatterNd', { indices, updates }, { shape: [size] });
  const dx = calls.run('Reshape', { x: flat }, { shape: input.shape });
  calls.free(dx);
  return dx;
}

/** MaxPoolWithArgmax returns two outputs; both go through `calls` so the pooled values are freed too. */
function argmax(calls: ReturnType<typeof kernelCalls>, x: Info, attrs: Record<string, unknown>): [Info, Info] {
  return calls.runMany('MaxPoolWithArgmax', { x }, attrs) as [Info, Info];
}
