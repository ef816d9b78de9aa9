import type { Preprocessor } from '../prepare/preprocess.ts';
import type { FittedStep } from '../prepare/steps/fit.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';
import type { ImagePreprocessing } from '../train/image-plan.ts';
import type { InputField } from './input-schema.ts';

/**
 * preprocessing.json of a table model: how raw rows become the network's input, and how its
 * output becomes a prediction. With model.json and weights.bin it is the whole model directory
 * that `kiln run` writes and `kiln predict`, `kiln serve` and the exports read.
 */
export interface TableModelDoc {
  kiln: 1;
  kind: 'table';
  task: TaskKind;
  label: string;
  /** Class names in output order; null for regression. */
  classes: string[] | null;
  /** Raw columns a caller must supply, in order (the ONNX input's column order). */
  fields: string[];
  /** Type, training range or categories of each of `fields`, in the same order. */
  schema: InputField[];
  /** Encoded model inputs, in order. */
  inputs: string[];
  /** Applied first, in order (see src/core/prepare/steps), then `preprocessor`. */
  prepare: FittedStep[];
  preprocessor: Preprocessor;
  spec: PipelineSpec;
}

/** preprocessing.json of an image model: [batch, height, width, channels] pixel bytes × scale. */
export interface ImageModelDoc extends ImagePreprocessing {
  kiln: 1;
  task: 'classification';
  layout: 'NHWC';
  spec: PipelineSpec;
}

/** Either kind of preprocessing.json; `kind` tells them apart. */
export type ModelDoc = TableModelDoc | ImageModelDoc;

/** File name → bytes of a model directory: model.json, weights.bin, preprocessing.json. */
export type ModelFiles = Record<string, Uint8Array>;
