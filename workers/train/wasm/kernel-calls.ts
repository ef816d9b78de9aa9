import * as tf from '@tensorflow/tfjs';

/** What a kernel function receives and returns: shape, dtype and a handle into the backend's memory. */
export type Info = tf.TensorInfo;

/**
 * Calls the WASM backend's own kernels from inside a kernel, outside the engine (no tape, no
 * tensor counting), and frees every intermediate when the composition is done.
 *
 * const calls = kernelCalls(backend); const t = calls.run('Transpose', { x }, { perm: [3, 1, 2, 0] }); …; calls.free(result)
 */
export function kernelCalls(backend: tf.KernelBackend) {
  const made: Info[] = [];
  return {
    /** Runs kernel `name` on the 'wasm' backend; its output is freed by `free` unless kept. */
    run(name: string, inputs: Record<string, Info>, attrs: Record<string, unknown> = {}): Info {
      const kernel = tf.getKernel(name, 'wasm');
      if (!kernel) throw new Error(`the wasm backend has no ${name} kernel`);
      const out = kernel.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as Info;
      made.push(out);
      return out;
    },
    /** Runs a kernel with several outputs (e.g. MaxPoolWithArgmax); all are freed by `free`. */
    runMany(name: string, inputs: Record<string, Info>, attrs: Record<string, unknown> = {}): Info[] {
      const kernel = tf.getKernel(name, 'wasm');
      if (!kernel) throw new Error(`the wasm backend has no ${name} kernel`);
      const outs = kernel.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as Info[];
      made.push(...outs);
      return outs;
    },
    /** Frees every intermediate except `keep` (the composition's result). */
    free(keep: Info): void {
      for (const info of made) if (info !== keep) backend.disposeData(info.dataId);
      made.length = 0;
    },
  };
}
