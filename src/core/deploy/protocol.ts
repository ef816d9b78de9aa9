import type { TaskKind } from '../spec/schema.ts';
import type { InputField } from './input-schema.ts';

/** A raw input row as the prediction form holds it: text or numbers by column, null when missing. */
export type RawRecord = Record<string, string | number | null>;

/** What the Deploy stage needs to know about the trained model to build its prediction form. */
export type DeployInfo =
  | {
      kind: 'table';
      task: TaskKind;
      label: string;
      /** Class names in output order; null for regression. */
      classes: string[] | null;
      schema: InputField[];
      /** Raw test-split rows to prefill the form with (label included, as `label`). */
      examples: RawRecord[];
    }
  | { kind: 'images'; task: 'classification'; width: number; height: number; channels: 1 | 3; classes: string[] };

/** One real-time prediction: the class (or value as text), class probabilities, and the call's latency. */
export interface LivePrediction {
  prediction: string;
  /** Classification: one probability per class, in DeployInfo's class order. */
  probabilities: number[] | null;
  /** Milliseconds the worker spent encoding and predicting. */
  ms: number;
}

/** Progress of a batch prediction job, reported every chunk. */
export interface BatchProgress {
  rows: number;
  errors: number;
  /** Bytes of the input read so far (images done, for an image job), of `total`. */
  bytes: number;
  total: number;
}

/** A finished batch job: the output CSV and its counts. */
export interface BatchOutcome {
  csv: Blob;
  rows: number;
  errors: number;
  ms: number;
  /** The first few row errors, for the page to show. */
  sampleErrors: string[];
}

/** Export formats offered on the Export card; the same names as `kiln run --export`. */
export type ExportKind = 'tfjs' | 'onnx' | 'sagemaker';

/** How the ONNX export compares with TF.js on the test split, run in onnxruntime-web. */
export interface VerifyReport {
  rows: number;
  /** Largest absolute difference between ONNX and TF.js outputs over every row and output. */
  maxDiff: number;
  tolerance: number;
  ok: boolean;
  ms: number;
}
