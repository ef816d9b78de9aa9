import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilter } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInput } from './conv2d-backprop-input.ts';
import { maxPoolGrad } from './max-pool-grad.ts';
import { padSameExplicitly } from './same-padding.ts';

let registered = false;

/**
 * Registers, once, what TF.js 4.22's WASM backend needs to train Kiln's models like the CPU backend.
 * Training every preset and layer type on CPU under `tf.profile` and comparing with
 * `tf.getKernelsForBackend('wasm')` finds one kernel missing: Conv2DBackpropFilter. Checking the
 * shipped ones against the CPU backend (test/unit/train/wasm-kernels.test.ts) finds MaxPoolGrad and
 * Conv2D/FusedConv2D with uneven 'same' padding wrong, and Conv2DBackpropInput slow: all replaced.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as tf.KernelFunc });
  }
  // The shipped Conv2DBackpropInput is a plain loop; a convolution through XNNPACK is 5–8× faster.
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInput as tf.KernelFunc });
  // Forward convolutions with uneven 'same' padding and strides disagree with TF.js (same-padding.ts).
  padSameExplicitly('Conv2D');
  padSameExplicitly('FusedConv2D');
  // The shipped MaxPoolGrad loses negative maxima (see max-pool-grad.ts): replace it.
  tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad as tf.KernelFunc });
}
