import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { expectedWeightBytes, parseModelDoc, parseModelJson } from '../../src/core/deploy/predict/model-doc-parse.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import type { TrainedModel } from '../train/adapter.ts';

/**
 * A trained model rebuilt from its saved directory and the result of the run that made it: the
 * network from model.json + weights, the fitted preparation from preprocessing.json. It is what
 * `trainOn` returned, so Evaluate and Deploy work on it without retraining. A directory whose
 * weights do not match model.json's manifest is refused before TF.js reads a byte of them.
 */
export async function trainedFromFiles(files: ModelFiles, result: TrainResult, fingerprint: string): Promise<TrainedModel> {
  const need = (name: string) => {
    const bytes = files[name];
    if (!bytes) throw new KilnError(`has no ${name}; the saved model is incomplete: train it again or import the project again`, { file: 'model' });
    return bytes;
  };
  const doc = parseModelDoc(need('preprocessing.json'), 'model/preprocessing.json');
  const json = parseModelJson(need('model.json'), 'model/model.json');
  const parts = json.weightPaths.map(need);
  const weightData = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (weightData.set(p, at), at + p.length), 0);
  checkWeightBytes(json.weightPaths, weightData.byteLength, expectedWeightBytes(json.weightSpecs));
  const model = await tf
    .loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightSpecs as tf.io.WeightsManifestEntry[], weightData: weightData.buffer }))
    .catch((e: Error) => {
      throw new KilnError(`could not be loaded as a TF.js model (${e.message}); train the model again`, { file: 'model/model.json' });
    });
  const base = { result, model, fingerprint, files: async () => files };
  if (doc.kind === 'table') return { ...base, kind: 'table', pre: doc.preprocessor, prepare: doc.prepare, schema: doc.schema };
  return { ...base, kind: 'images', image: doc };
}

/**
 * TF.js reads weights by the manifest's offsets: too few bytes fail deep inside it, too many load
 * silently wrong numbers. `expected` is null for dtypes whose size Kiln does not know (left to TF.js).
 */
function checkWeightBytes(paths: string[], actual: number, expected: number | null): void {
  if (expected === null || actual === expected) return;
  const names = paths.map((p) => `model/${p}`).join(', ');
  throw new KilnError(
    `${names} hold${paths.length === 1 ? 's' : ''} ${actual} bytes but model/model.json's weightsManifest describes ${expected}; ` +
      'the weights are damaged or from another model: export the project again from the page that trained it, or train the model again',
  );
}
