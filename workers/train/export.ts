import * as tf from '@tensorflow/tfjs';
import { featureNames, type Preprocessor } from '../../src/core/prepare/preprocess.ts';
import { inputColumns, type FittedStep } from '../../src/core/prepare/steps/fit.ts';
import type { ImagePreprocessing } from '../../src/core/train/image-plan.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';

/** File name → bytes for an exported model directory. */
export type ModelFiles = Record<string, Uint8Array>;

/**
 * Serialises a trained model as TF.js layers format (model.json + weights.bin), loadable with
 * `tf.loadLayersModel`, plus preprocessing.json holding the fitted transformation and classes.
 */
export async function exportModelFiles(model: tf.LayersModel, pre: Preprocessor, prepare: FittedStep[], result: TrainResult): Promise<ModelFiles> {
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
  return { ...(await layersModelFiles(model)), 'preprocessing.json': jsonBytes(preprocessing) };
}

/**
 * The image-model export: model.json + weights.bin, and preprocessing.json saying how to feed it:
 * { kind: 'images', width, height, channels, scale: 1/255, layout: 'NHWC', classes, … }.
 */
export async function exportImageModelFiles(model: tf.LayersModel, image: ImagePreprocessing, result: TrainResult): Promise<ModelFiles> {
  const preprocessing = {
    kiln: 1,
    task: result.task,
    ...image,
    /** Input tensor layout: [batch, height, width, channels], pixel bytes × scale. */
    layout: 'NHWC',
    spec: result.spec,
  };
  return { ...(await layersModelFiles(model)), 'preprocessing.json': jsonBytes(preprocessing) };
}

/** model.json and weights.bin in TF.js layers format. */
async function layersModelFiles(model: tf.LayersModel): Promise<ModelFiles> {
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
  return { 'model.json': jsonBytes(modelJson, 0), 'weights.bin': weights };
}

function jsonBytes(value: unknown, indent = 2): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, indent));
}
