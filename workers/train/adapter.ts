import type * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import type { InputField } from '../../src/core/deploy/input-schema.ts';
import type { Preprocessor } from '../../src/core/prepare/preprocess.ts';
import type { FittedStep } from '../../src/core/prepare/steps/fit.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import type { TaskKind } from '../../src/core/spec/schema.ts';
import type { ImagePreprocessing } from '../../src/core/train/image-plan.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import type { RunParts } from './fitted-run.ts';

/** What the pipeline reads of any plan, a table's or an image set's. */
export interface PlannedRun {
  task: TaskKind;
  classes?: string[];
  split: SplitIndices;
  /** Cross-validation folds over the non-test part, or null when folds are off. */
  folds: SplitIndices[] | null;
  warnings: string[];
}

/** A trained model of either kind; the caller owns `model` and must dispose it. */
interface TrainedBase {
  result: TrainResult;
  model: tf.LayersModel;
  /** Digest of the data trained on, for the export manifest. */
  fingerprint: string;
  /** The model directory as `kiln run` writes it: model.json, weights.bin, preprocessing.json. */
  files(): Promise<ModelFiles>;
}

/** A model trained on a table, with the preparation its raw rows need. */
export interface TrainedTable extends TrainedBase {
  kind: 'table';
  pre: Preprocessor;
  /** Fitted prepare steps, applied to raw inputs before `pre`. */
  prepare: FittedStep[];
  /** The raw columns a prediction needs, measured on the training rows. */
  schema: InputField[];
}

/** A model trained on an image set, with the input it expects. */
export interface TrainedImages extends TrainedBase {
  kind: 'images';
  image: ImagePreprocessing;
}

/** What `trainOn` gives back; `kind` tells the two apart. */
export type TrainedModel = TrainedTable | TrainedImages;

/**
 * One kind of data (a table, an image set) as the one training pipeline sees it: the adapter
 * plans, turns rows into tensors, a model and scores, and describes the trained result.
 */
export interface DataAdapter<Plan extends PlannedRun, Trained extends TrainedModel> {
  /** The first progress message, e.g. "Preparing data". */
  preparing: string;
  /** Plans the whole run as the spec says: rows kept, task, classes, split and folds. */
  plan(): Plan;
  /** Plans one cross-validation fold (a table refits its preparation on the fold's training rows). */
  planFold(plan: Plan, fold: SplitIndices): Plan;
  /** How a plan's rows become tensors, a model, scores, predictions and augmented epochs. */
  parts(plan: Plan): RunParts;
  /** The final model with its export, input description and data fingerprint. */
  trained(plan: Plan, model: tf.LayersModel, result: TrainResult): Trained;
}
