import type { InferenceSession } from 'onnxruntime-web';

/**
 * Runs an ONNX model in onnxruntime-web's WebAssembly build, loaded only when first asked (its
 * wasm is ~14 MB, and most sessions never verify an export). One thread: the page is not
 * cross-origin isolated, so SharedArrayBuffer, which threads need, is not there.
 *
 * const out = await runOnnx(bytes, features, [rows, width]) // → Float32Array(rows × outputs)
 */
export async function runOnnx(model: Uint8Array, input: Float32Array, dims: number[]): Promise<Float32Array> {
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.numThreads = 1;
  const session: InferenceSession = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  try {
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, dims) };
    const result = await session.run(feeds);
    const output = result[session.outputNames[0]];
    const data = output.data as Float32Array;
    output.dispose();
    return data;
  } finally {
    await session.release();
  }
}
