import * as tf from '@tensorflow/tfjs';
import type { ImageModelDoc, ModelFiles, TableModelDoc } from '../../src/core/deploy/model-doc.ts';
import { featureNames } from '../../src/core/prepare/preprocess.ts';
import type { ImagePreprocessing } from '../../src/core/train/image-plan.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import type { TrainedTable } from './adapter.ts';

export type { ModelFiles } from '../../src/core/deploy/model-doc.ts';

/**
 * Serialises a trained table model as TF.js layers format (model.json + weights.bin), loadable
 * with `tf.loadLayersModel`, plus preprocessing.json holding the fitted transformation, the input
 * schema and the classes (see TableModelDoc).
 */
export async function exportModelFiles(trained: Pick<TrainedTable, 'model' | 'pre' | 'prepare' | 'schema' | 'result'>): Promise<ModelFiles> {
  const { pre, result, schema } = trained;
  const doc: TableModelDoc = {
    kiln: 1,
    kind: 'table',
    task: result.task,
    label: pre.label.name,
    classes: result.classes ?? null,
    fields: schema.map((f) => f.name),
    schema,
    inputs: featureNames(pre),
    prepare: trained.prepare,
    preprocessor: pre,
    spec: result.spec,
  };
  return { ...(await layersModelFiles(trained.model)), 'preprocessing.json': jsonBytes(doc) };
}

/**
 * The image-model export: model.json + weights.bin, and preprocessing.json saying how to feed it:
 * { kind: 'images', width, height, channels, scale: 1/255, layout: 'NHWC', classes, … }.
 */
export async function exportImageModelFiles(model: tf.LayersModel, image: ImagePreprocessing, result: TrainResult): Promise<ModelFiles> {
  const doc: ImageModelDoc = { kiln: 1, task: 'classification', ...image, layout: 'NHWC', spec: result.spec };
  return { ...(await layersModelFiles(model)), 'preprocessing.json': jsonBytes(doc) };
}

/** model.json and weights.bin in TF.js layers format. */
export async function layersModelFiles(model: tf.LayersModel): Promise<ModelFiles> {
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
