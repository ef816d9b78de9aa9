// Vite copies each binary into the build and gives its URL, so the page serves WASM itself.
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

/** The WASM backend's binaries by file name, as `setWasmPaths` takes them (no threaded build: see setup.ts). */
export const wasmFiles = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': simd,
};
