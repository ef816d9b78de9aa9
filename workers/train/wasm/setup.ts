import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from './kernels.ts';

let setup: Promise<boolean> | null = null;

/** True in Node (the runner, tests, benchmarks); false in the page's worker. */
const inNode = () => typeof process !== 'undefined' && Boolean(process.versions?.node);

/**
 * Loads TF.js's WASM backend once, points it at its binaries and adds the gradient kernels it
 * lacks, so `tf.setBackend('wasm')` can train. Node reads the binaries from node_modules; the page
 * fetches them from the app itself (never a CDN). False when WebAssembly is unavailable.
 */
export function registerWasm(): Promise<boolean> {
  setup ??= (async () => {
    if (typeof WebAssembly === 'undefined') return false;
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Threads need a cross-origin-isolated page (COOP/COEP), which a statically hosted app cannot
    // promise; the single-threaded SIMD build is what runs everywhere.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths(inNode() ? nodeDist() : (await import('./browser-files.ts')).wasmFiles);
    registerWasmKernels();
    return true;
  })().catch(() => false);
  return setup;
}

/** The package's dist folder, where its .wasm files sit next to the Node build. */
function nodeDist(): string {
  const entry = import.meta.resolve('@tensorflow/tfjs-backend-wasm');
  return decodeURIComponent(new URL('.', entry).pathname);
}
