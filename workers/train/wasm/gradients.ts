import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilter } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInput } from './conv2d-backprop-input.ts';
import { maxPoolGrad } from './max-pool-grad.ts';

let registered = false;

/**
 * Registers, once, the gradient kernels TF.js 4.22's WASM backend ships without that Kiln's layers
 * need. Training every preset and layer type on CPU under `tf.profile` and comparing with
 * `tf.getKernelsForBackend('wasm')` finds exactly one: Conv2DBackpropFilter (conv2d's weight
 * gradient). Conv2DBackpropInput, MaxPoolGrad and AvgPoolGrad ship compiled; checked against the
 * CPU backend (test/unit/train/wasm-kernels.test.ts), MaxPoolGrad proved wrong and is replaced.
 */
export function registerWasmGradients(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as tf.KernelFunc });
  }
  // The shipped Conv2DBackpropInput is a plain loop; a convolution through XNNPACK is 5–8× faster.
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInput as tf.KernelFunc });
  // The shipped MaxPoolGrad loses negative maxima (see max-pool-grad.ts): replace it.
  tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad as tf.KernelFunc });
}
