import * as Comlink from 'comlink';
import { zipSync, type Zippable } from 'fflate';
import type { Table } from '../../src/core/collect/table.ts';
import { exportFiles } from '../../src/core/deploy/exports.ts';
import { rawRecords } from '../../src/core/deploy/raw-records.ts';
import type { DeployInfo, ExportKind, LivePrediction, RawRecord } from '../../src/core/deploy/protocol.ts';
import { decodeOutputs } from '../../src/core/deploy/predict/decode.ts';
import { SAGEMAKER_EXECUTABLES } from '../../src/core/deploy/sagemaker/index.ts';
import { KilnError } from '../../src/core/errors.ts';
import { CanvasResizer } from '../collect/images-decode.ts';
import { predictRecords } from './predict-rows.ts';
import type { Predictor } from './predictor.ts';
import { deployedModel } from './trained-model.ts';
import { verifyOnnxExport } from './verify.ts';
import { batchApi } from './batch-api.ts';

/** Test rows offered to prefill the prediction form. */
const exampleRows = 50;

/** A downloadable file made in the worker. */
export interface ExportedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Deploy-stage calls: what the model takes, live predictions, batch jobs, exports and the ONNX check. */
export const deployApi = {
  ...batchApi,

  /** What the last trained model takes and returns, with raw test rows for the form. */
  async deployInfo(): Promise<DeployInfo> {
    const { predictor, data, trained } = await deployedModel();
    const doc = predictor.doc;
    if (doc.kind === 'images') return { kind: 'images', task: 'classification', width: doc.width, height: doc.height, channels: doc.channels, classes: doc.classes };
    const rows = trained.result.predictions.rows.slice(0, exampleRows);
    const examples = rawRecords(data as Table, [...doc.fields, doc.label], rows);
    return { kind: 'table', task: doc.task, label: doc.label, classes: doc.classes, schema: doc.schema, examples };
  },

  /** Predicts one raw row typed into the form; a value that cannot be read is an error naming its column. */
  async predictLive(record: RawRecord): Promise<LivePrediction> {
    const { predictor } = await deployedModel();
    const started = performance.now();
    const { predictions, errors } = predictRecords(predictor, [record]);
    if (errors[0] !== null || !predictions[0]) throw new KilnError(errors[0] ?? 'the row could not be predicted');
    return { prediction: String(predictions[0].prediction), probabilities: predictions[0].probabilities, ms: performance.now() - started };
  },

  /** Predicts one image (uploaded, drawn or from the webcam), resized and greyed as in training. */
  async predictImage(bitmap: ImageBitmap): Promise<LivePrediction> {
    let pixels: Uint8Array;
    let predictor: Predictor;
    const started = performance.now();
    try {
      ({ predictor } = await deployedModel());
      const doc = predictor.doc;
      if (doc.kind !== 'images') throw new KilnError('this model takes table rows, not images');
      pixels = new CanvasResizer({ width: doc.width, height: doc.height, channels: doc.channels }).draw(bitmap);
    } finally {
      bitmap.close(); // the transferred bitmap holds decoded pixels until closed, whatever happened
    }
    const [p] = decodeOutputs(predictor.doc, await predictor.predictAsync(pixels, 1), 1);
    return { prediction: String(p.prediction), probabilities: p.probabilities, ms: performance.now() - started };
  },

  /** One export as a file: TF.js as a zip, ONNX as model.onnx, the SageMaker package as a zip. */
  async exportModel(kind: ExportKind, options: { region?: string; serveBundle?: Uint8Array } = {}): Promise<ExportedFile> {
    const { files, trained, predictor } = await deployedModel();
    const { validation, test } = trained.result;
    const context = { doc: predictor.doc, metrics: { validation, test }, fingerprint: trained.fingerprint, createdAt: new Date().toISOString(), ...options };
    const made = exportFiles(kind, files, context);
    const file =
      kind === 'onnx'
        ? { name: 'kiln-model.onnx', type: 'application/octet-stream', bytes: made['model.onnx'] }
        : { name: kind === 'tfjs' ? 'kiln-model.zip' : 'kiln-sagemaker.zip', type: 'application/zip', bytes: zipFolder(kind === 'tfjs' ? 'kiln-model' : 'kiln-sagemaker', made) };
    return Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);
  },

  /** Runs the ONNX export in onnxruntime-web on the test split and compares it with TF.js. */
  async verifyOnnx() {
    return verifyOnnxExport(await deployedModel());
  },
};

/** Files under one folder in a zip; scripts keep their executable bit (Unix mode in the entry). */
function zipFolder(folder: string, files: Record<string, Uint8Array>): Uint8Array {
  const executable = new Set<string>(SAGEMAKER_EXECUTABLES);
  const entries: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) {
    entries[`${folder}/${name}`] = [bytes, { os: 3, attrs: ((executable.has(name) ? 0o100755 : 0o100644) << 16) >>> 0 }];
  }
  return zipSync(entries);
}

