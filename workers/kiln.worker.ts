import * as Comlink from 'comlink';
import { collectApi } from './collect/api.ts';
import { cancelOperation } from './state.ts';
import { trainApi } from './train/api.ts';

// One worker holds the data and the model; each stage contributes its calls from workers/<stage>/api.ts.
const api = {
  ...collectApi,
  ...trainApi,
  /** Cancels the running long operation (parsing, profiling, training). */
  cancel: cancelOperation,
};

export type KilnWorkerApi = typeof api;
Comlink.expose(api);
