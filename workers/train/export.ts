import * as tf from '@tensorflow/tfjs';
import { featureNames, type Preprocessor } from '../../src/core/prepare/preprocess.ts';
import { inputColumns, type FittedStep } from '../../src/core/prepare/steps/fit.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';

/** File name → bytes for an exported model directory. */
export type ModelFiles = Record<string, Uint8Array>;

/**
 * Serialises a trained model as TF.js layers format (model.json + weights.bin), loadable with
 * `tf.loadLayersModel`, plus preprocessing.json holding the fitted transformation and classes.
 */
export async function exportModelFiles(model: tf.LayersModel, pre: Preprocessor, prepare: FittedStep[], result: TrainResult): Promise<ModelFiles> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('The model produced no weights to save');
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const modelJson = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
  };
  const preprocessing = {
    kiln: 1,
    task: result.task,
    label: pre.label.name,
    classes: result.classes ?? null,
    /** Raw columns a caller must supply. */
    fields: inputColumns(prepare, pre.features.map((f) => f.name)),
    /** Encoded model inputs, in order. */
    inputs: featureNames(pre),
    /** Applied first, in order (see src/core/prepare/steps), then `preprocessor`. */
    prepare,
    preprocessor: pre,
    spec: result.spec,
  };
  const text = new TextEncoder();
  return {
    'model.json': text.encode(JSON.stringify(modelJson)),
    'weights.bin': weights,
    'preprocessing.json': text.encode(JSON.stringify(preprocessing, null, 2)),
  };
}
