import * as Comlink from 'comlink';
import { augmentApi } from './augment/preview.ts';
import { collectApi } from './collect/api.ts';
import { deployApi } from './deploy/api.ts';
import { evaluateApi } from './evaluate/api.ts';
import { imagesApi } from './collect/images-api.ts';
import { monitorApi } from './monitor/api.ts';
import { shapesApi } from './collect/shapes-api.ts';
import { prepareApi } from './prepare/api.ts';
import { projectApi } from './project/api.ts';
import { splitApi } from './split/api.ts';
import { guardErrors } from './guard-errors.ts';
import { cancelOperation } from './state.ts';
import { trainApi } from './train/api.ts';
import { tuneApi } from './tune/api.ts';

// One worker holds the data and the model; each stage contributes its calls from workers/<stage>/api.ts.
const api = {
  ...collectApi,
  ...augmentApi,
  ...imagesApi,
  ...shapesApi,
  ...prepareApi,
  ...splitApi,
  ...trainApi,
  ...tuneApi,
  ...evaluateApi,
  ...deployApi,
  ...projectApi,
  ...monitorApi,
  /** Cancels the running long operation (parsing, profiling, training). */
  cancel: cancelOperation,
};

export type KilnWorkerApi = typeof api;
// Internal errors reach the page as sentences, never as TF.js's own words.
Comlink.expose(guardErrors(api));
