import * as Comlink from 'comlink';
import { zipSync } from 'fflate';
import { parseCsv } from '../src/core/collect/csv.ts';
import type { Table } from '../src/core/collect/table.ts';
import { profileTable, type TableProfile } from '../src/core/prepare/profile.ts';
import type { PipelineSpec } from '../src/core/spec/schema.ts';
import type { TrainEvent, TrainResult } from '../src/core/train/protocol.ts';
import { exportModelFiles } from './train/export.ts';
import { disposeModel } from './train/model.ts';
import { trainPipeline, type TrainedPipeline } from './train/run.ts';

// The data set and the last trained model stay resident here; only plain data crosses to the page.
let table: Table | null = null;
let trained: TrainedPipeline | null = null;
let stopRequested = false;

const api = {
  /** Parses CSV text and keeps it; returns its profile (class counts for `label` when given). */
  async loadCsv(text: string, source: string, label?: string): Promise<TableProfile> {
    const parsed = parseCsv(text, source); // throws before replacing the data the user already has
    table = parsed;
    return profileTable(parsed, label);
  },

  /** Profiles the loaded table again, e.g. after the user picks another label column. */
  async profile(label?: string): Promise<TableProfile> {
    if (!table) throw new Error('No data loaded yet');
    return profileTable(table, label);
  },

  /** Trains on the loaded table as `spec` says, streaming events to `onEvent`. */
  async train(spec: PipelineSpec, onEvent: (e: TrainEvent) => void): Promise<TrainResult> {
    if (!table) throw new Error('No data loaded yet');
    stopRequested = false;
    if (trained) disposeModel(trained.model);
    trained = null;
    trained = await trainPipeline(spec, table, { onEvent, shouldStop: () => stopRequested });
    return trained.result;
  },

  /** Ends the running training after its current batch; the model trained so far is kept. */
  stop(): void {
    stopRequested = true;
  },

  /** The last trained model as a zip of model.json, weights.bin and preprocessing.json. */
  async exportModel(): Promise<Uint8Array> {
    if (!trained) throw new Error('Train a model before downloading it');
    const files = await exportModelFiles(trained.model, trained.pre, trained.result);
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`kiln-model/${name}`, bytes])));
    return Comlink.transfer(zip, [zip.buffer as ArrayBuffer]);
  },
};

export type TrainWorkerApi = typeof api;
Comlink.expose(api);
