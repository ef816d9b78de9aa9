import * as Comlink from 'comlink';
import { zipSync } from 'fflate';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { trainingData } from '../../src/core/train/image-plan.ts';
import type { TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { beginOperation, loadedKinds, requireTable, resident } from '../state.ts';
import { exportImageModelFiles, exportModelFiles } from './export.ts';
import { trainImagePipeline } from './image-run.ts';
import { disposeModel } from './model.ts';
import { trainPipeline } from './run.ts';

/** Train- and deploy-stage calls the page makes into the worker. */
export const trainApi = {
  /**
   * Trains on the loaded images (`data.kind: 'images'`, or `auto` with only images loaded) or the
   * loaded table, as `spec` says, streaming events to `onEvent`; `cancel()` stops it.
   */
  async train(spec: PipelineSpec, onEvent: (e: TrainEvent) => void): Promise<TrainResult> {
    const which = trainingData(spec.data.kind, loadedKinds());
    const signal = beginOperation();
    if (resident.trained) disposeModel(resident.trained.model);
    resident.trained = null;
    const opts = { onEvent, shouldStop: () => signal.aborted };
    const images = resident.images;
    resident.trained = which === 'images' && images ? await trainImagePipeline(spec, images, opts) : await trainPipeline(spec, requireTable(), opts);
    return resident.trained.result;
  },

  /** The last trained model as a zip of model.json, weights.bin and preprocessing.json. */
  async exportModel(): Promise<Uint8Array> {
    const trained = resident.trained;
    if (!trained) throw new Error('Train a model before downloading it');
    const files =
      'image' in trained
        ? await exportImageModelFiles(trained.model, trained.image, trained.result)
        : await exportModelFiles(trained);
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`kiln-model/${name}`, bytes])));
    return Comlink.transfer(zip, [zip.buffer as ArrayBuffer]);
  },
};
