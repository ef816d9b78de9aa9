import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { parseModelDoc, parseModelJson } from '../../src/core/deploy/predict/model-doc-parse.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import type { TrainedModel } from '../train/adapter.ts';

/**
 * A trained model rebuilt from its saved directory and the result of the run that made it: the
 * network from model.json + weights, the fitted preparation from preprocessing.json. It is what
 * `trainOn` returned, so Evaluate and Deploy work on it without retraining.
 */
export async function trainedFromFiles(files: ModelFiles, result: TrainResult, fingerprint: string): Promise<TrainedModel> {
  const need = (name: string) => {
    const bytes = files[name];
    if (!bytes) throw new Error(`the saved model has no ${name}`);
    return bytes;
  };
  const doc = parseModelDoc(need('preprocessing.json'), 'model/preprocessing.json');
  const json = parseModelJson(need('model.json'), 'model/model.json');
  const parts = json.weightPaths.map(need);
  const weightData = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (weightData.set(p, at), at + p.length), 0);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightSpecs as tf.io.WeightsManifestEntry[], weightData: weightData.buffer }));
  const base = { result, model, fingerprint, files: async () => files };
  if (doc.kind === 'table') return { ...base, kind: 'table', pre: doc.preprocessor, prepare: doc.prepare, schema: doc.schema };
  return { ...base, kind: 'images', image: doc };
}

