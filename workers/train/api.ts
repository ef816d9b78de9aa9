import * as Comlink from 'comlink';
import { zipSync } from 'fflate';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import type { TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { beginOperation, requireTable, resident } from '../state.ts';
import { exportModelFiles } from './export.ts';
import { disposeModel } from './model.ts';
import { trainPipeline } from './run.ts';

/** Train- and deploy-stage calls the page makes into the worker. */
export const trainApi = {
  /** Trains on the loaded table as `spec` says, streaming events to `onEvent`; `cancel()` stops it. */
  async train(spec: PipelineSpec, onEvent: (e: TrainEvent) => void): Promise<TrainResult> {
    const table = requireTable();
    const signal = beginOperation();
    if (resident.trained) disposeModel(resident.trained.model);
    resident.trained = null;
    resident.trained = await trainPipeline(spec, table, { onEvent, shouldStop: () => signal.aborted });
    return resident.trained.result;
  },

  /** The last trained model as a zip of model.json, weights.bin and preprocessing.json. */
  async exportModel(): Promise<Uint8Array> {
    const trained = resident.trained;
    if (!trained) throw new Error('Train a model before downloading it');
    const files = await exportModelFiles(trained.model, trained.pre, trained.prepare, trained.result);
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`kiln-model/${name}`, bytes])));
    return Comlink.transfer(zip, [zip.buffer as ArrayBuffer]);
  },
};
