import * as tf from '@tensorflow/tfjs';
import type { ModelDoc, ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { outputWidth } from '../../src/core/deploy/predict/decode.ts';
import { expectedWeightBytes, parseModelDoc, parseModelJson } from '../../src/core/deploy/predict/model-doc-parse.ts';
import { KilnError } from '../../src/core/errors.ts';

/**
 * A loaded model ready to predict: THE prediction code that `kiln predict`, `kiln serve` and the
 * browser worker share. Inputs are encoded rows (table models, see encodeChunk) or NHWC pixel
 * bytes (image models, scaled by doc.scale here); outputs are the network's raw numbers,
 * `outputWidth` per row (decodeOutputs turns them into predictions).
 */
export interface Predictor {
  readonly doc: ModelDoc;
  /** Numbers per input row: preprocessor.width, or height × width × channels. */
  readonly inputWidth: number;
  /** Numbers per output row: one per class, or 1 for regression. */
  readonly outputWidth: number;
  /** Runs `rows` rows in batches, synchronously (right for the CPU backend and in a worker). */
  predict(input: Float32Array | Uint8Array, rows: number): Float32Array;
  /** The same, reading each batch back without blocking (better on WebGL/WebGPU). */
  predictAsync(input: Float32Array | Uint8Array, rows: number): Promise<Float32Array>;
  /** Frees the model's weights; the predictor cannot be used afterwards. */
  dispose(): void;
}

/** Options for loadPredictor. */
export interface PredictorOptions {
  /** Rows per forward pass; bounds the memory one pass takes. Default 1024. */
  batchSize?: number;
  /** Names the directory in errors. Default 'model'. */
  dir?: string;
}

/**
 * Loads model.json + weights + preprocessing.json from memory and checks that the network's input
 * and output shapes match what preprocessing.json says.
 *
 * const p = await loadPredictor(files); p.predict(encodeChunk(p.doc, chunk).features, 2)
 * // → Float32Array(6) [0.97, 0.02, 0.01, 0.01, 0.12, 0.87] for a 3-class model
 */
export async function loadPredictor(files: ModelFiles, options: PredictorOptions = {}): Promise<Predictor> {
  const dir = options.dir ?? 'model';
  const need = (name: string) => {
    const bytes = files[name];
    if (!bytes) throw new KilnError(`has no ${name}; a Kiln model directory holds model.json, weights.bin and preprocessing.json`, { file: dir });
    return bytes;
  };
  const doc = parseModelDoc(need('preprocessing.json'), `${dir}/preprocessing.json`);
  const json = parseModelJson(need('model.json'), `${dir}/model.json`);
  const weights = json.weightPaths.map(need);
  const weightData = concat(weights).buffer as ArrayBuffer;
  const expected = expectedWeightBytes(json.weightSpecs);
  if (expected !== null && weightData.byteLength !== expected) {
    throw new KilnError(
      `${json.weightPaths.join(', ')} hold${json.weightPaths.length === 1 ? 's' : ''} ${weightData.byteLength} bytes but model.json describes ${expected}; ` +
        'the weights are damaged or from another model: copy the model folder again or re-export it',
      { file: dir },
    );
  }
  const model = await tf
    .loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightSpecs as tf.io.WeightsManifestEntry[], weightData }))
    .catch((e: Error) => {
      throw new KilnError(`could not be loaded as a TF.js model (${e.message})`, { file: `${dir}/model.json` });
    });
  const inShape = doc.kind === 'table' ? [doc.preprocessor.width] : [doc.height, doc.width, doc.channels];
  const outWidth = outputWidth(doc);
  const actualIn = (model.inputs[0]?.shape ?? []).slice(1);
  const actualOut = (model.outputs[0]?.shape ?? []).slice(1);
  if (model.inputs.length !== 1 || actualIn.join('x') !== inShape.join('x') || actualOut.join('x') !== String(outWidth)) {
    model.dispose();
    throw new KilnError(
      `takes [${actualIn}] and returns [${actualOut}] per row, but preprocessing.json describes [${inShape}] in and [${outWidth}] out; the files are from different models`,
      { file: `${dir}/model.json` },
    );
  }
  return makePredictor(model, doc, inShape, outWidth, options.batchSize ?? 1024);
}

function makePredictor(model: tf.LayersModel, doc: ModelDoc, inShape: number[], outWidth: number, batchSize: number): Predictor {
  const inputWidth = inShape.reduce((a, b) => a * b, 1);
  const scale = doc.kind === 'images' ? doc.scale : 1;
  let disposed = false;
  // One batch's forward pass; every intermediate tensor dies in the tidy, the output is the caller's.
  const forward = (input: Float32Array | Uint8Array, from: number, to: number): tf.Tensor =>
    tf.tidy(() => {
      const slice = input.subarray(from * inputWidth, to * inputWidth);
      let x: tf.Tensor = tf.tensor(slice instanceof Float32Array ? slice : Float32Array.from(slice), [to - from, ...inShape], 'float32');
      if (scale !== 1) x = x.mul(scale);
      return model.predict(x) as tf.Tensor;
    });
  const check = (input: Float32Array | Uint8Array, rows: number) => {
    if (disposed) throw new Error('this predictor has been disposed');
    if (!Number.isInteger(rows) || rows < 0 || input.length !== rows * inputWidth) {
      throw new RangeError(`expected ${rows} × ${inputWidth} = ${rows * inputWidth} input numbers, got ${input.length}`);
    }
  };
  return {
    doc,
    inputWidth,
    outputWidth: outWidth,
    predict(input, rows) {
      check(input, rows);
      const out = new Float32Array(rows * outWidth);
      for (let from = 0; from < rows; from += batchSize) {
        const to = Math.min(rows, from + batchSize);
        const y = forward(input, from, to);
        try {
          out.set(y.dataSync() as Float32Array, from * outWidth);
        } finally {
          y.dispose();
        }
      }
      return out;
    },
    async predictAsync(input, rows) {
      check(input, rows);
      const out = new Float32Array(rows * outWidth);
      for (let from = 0; from < rows; from += batchSize) {
        const to = Math.min(rows, from + batchSize);
        const y = forward(input, from, to);
        try {
          out.set((await y.data()) as Float32Array, from * outWidth);
        } finally {
          y.dispose();
        }
      }
      return out;
    },
    dispose() {
      if (!disposed) model.dispose();
      disposed = true;
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
