import * as tf from '@tensorflow/tfjs';
import type { ResourceSnapshot } from '../../src/core/monitor/messages.ts';
import { describeAdapter } from '../train/backends.ts';

let adapter: Promise<string | null> | null = null;

/** tf.memory() as the WebGL and WebGPU backends extend it. */
interface BackendMemory extends tf.MemoryInfo {
  numBytesInGPU?: number;
}

/** Chromium's non-standard heap numbers (absent in other browsers and in Node). */
interface HeapInfo {
  usedJSHeapSize: number;
  jsHeapSizeLimit: number;
}

/**
 * One plain reading of what the worker holds: backend, adapter, live tensors and their bytes,
 * GPU bytes and the JS heap where the runtime reports them. Cheap: no GPU read-back, so the page
 * can poll it every second, and it is answered between training batches.
 *
 * await resourceSnapshot() // → { backend: 'cpu', numTensors: 14, numBytes: 5132, gpuBytes: null, heapUsed: 9.1e6, … }
 */
export async function resourceSnapshot(): Promise<ResourceSnapshot> {
  adapter ??= describeAdapter().then(
    (a) => a?.description ?? null,
    () => null,
  );
  // Before anything has run no backend is set, and tf.memory() would start one: report nothing yet.
  const started = Boolean(tf.engine().backendName);
  const memory: BackendMemory = started ? (tf.memory() as BackendMemory) : { numTensors: 0, numBytes: 0, numDataBuffers: 0, unreliable: false, reasons: [] };
  const heap = (performance as unknown as { memory?: HeapInfo }).memory;
  return {
    at: Date.now(),
    backend: started ? tf.getBackend() : 'none',
    adapter: await adapter,
    numTensors: memory.numTensors,
    numBytes: memory.numBytes,
    gpuBytes: typeof memory.numBytesInGPU === 'number' ? memory.numBytesInGPU : null,
    unreliable: Boolean(memory.unreliable),
    heapUsed: heap ? heap.usedJSHeapSize : null,
    heapLimit: heap ? heap.jsHeapSizeLimit : null,
  };
}
