import { z } from 'zod';
import { augmentSchema } from '../augment/schema.ts';
import { layersSchema, presetNames } from '../train/layers-schema.ts';
import { prepareSchema } from '../prepare/steps/schema.ts';
import { tuningSchema } from '../tune/schema.ts';

/** Backends Kiln can train on; `auto` measures and picks. */
export const backendNames = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendPreference = (typeof backendNames)[number];

export const metricNames = [
  'accuracy',
  'balancedAccuracy',
  'f1Macro',
  'f1Micro',
  'f1Weighted',
  'precisionMacro',
  'precisionMicro',
  'precisionWeighted',
  'recallMacro',
  'recallMicro',
  'recallWeighted',
  'logLoss',
  'cohenKappa',
  'mcc',
  'rocAuc',
  'prAuc',
  'ece',
  'rmse',
  'mae',
  'r2',
  'mape',
  'medianAe',
  'explainedVariance',
] as const;
export type MetricName = (typeof metricNames)[number];

const fraction = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const seed = z.number().int('must be a whole number').min(0, 'must be 0 or more');

const goalSchema = z.strictObject({
  objective: z.string().default(''),
  metric: z.enum(metricNames).default('accuracy'),
  target: z.number().optional(),
});

/** How predictions are scored and decided; the threshold and positive class matter for binary tasks only. */
const evaluateSchema = z.strictObject({
  /** A row is predicted positive when the positive class's probability is at or above this. */
  threshold: fraction.default(0.5),
  /** The class ROC/PR curves and the threshold are about; the second class in sorted order when absent. */
  positiveClass: z.string().min(1, 'must name a class').optional(),
});

const imageSchema = z.strictObject({
  /** Every image is resized to width × height before training. */
  width: z.number().int('must be a whole number').min(8, 'must be 8 or more').max(256, 'must be 256 or fewer').default(28),
  height: z.number().int('must be a whole number').min(8, 'must be 8 or more').max(256, 'must be 256 or fewer').default(28),
  /** 1 = greyscale, 3 = RGB. */
  channels: z.union([z.literal(1), z.literal(3)]).default(1),
});

const dataSchema = z.strictObject({
  /** Path relative to the spec file, a URL, or (in the browser) a bundled sample or dropped file name. */
  source: z.string().min(1, 'must name a file or URL'),
  /** The label column; for image folders, the name given to the class (folder) column, e.g. "class". */
  label: z.string().min(1, 'must name the label column'),
  /** Feature columns; all other columns when omitted. */
  features: z.array(z.string()).optional(),
  /** `images` for a folder (or zip) with one sub-folder per class; `auto` decides from the source. */
  kind: z.enum(['auto', 'table', 'images']).default('auto'),
  image: imageSchema.prefault({}),
});

/** Named split ratios the studio offers; `custom` means the user typed their own. */
export const splitPresetNames = ['80/10/10', '70/20/10', '70/15/15', 'custom'] as const;
export type SplitPreset = (typeof splitPresetNames)[number];

const splitSchema = z
  .strictObject({
    train: fraction.default(0.7),
    validation: fraction.default(0.15),
    test: fraction.default(0.15),
    stratify: z.boolean().default(true),
    seed: seed.optional(),
    /** Which preset button the ratios came from; informational only, the ratios are the truth. */
    preset: z.enum(splitPresetNames).optional(),
    /** Column whose equal values (e.g. one patient's rows) must all land in the same split. */
    group: z.string().min(1, 'must name a column').optional(),
    /** k-fold cross-validation over the non-test rows; absent turns it off. */
    folds: z.number().int('must be a whole number').min(2, 'must be 2 or more').max(20, 'must be 20 or fewer').optional(),
    /** Quantile bins for stratifying a regression target; 5 when absent (see `defaultBins`). */
    bins: z.number().int('must be a whole number').min(2, 'must be 2 or more').max(50, 'must be 50 or fewer').optional(),
  })
  .refine((s) => Math.abs(s.train + s.validation + s.test - 1) < 1e-6, {
    message: 'train + validation + test must add up to 1',
  })
  .refine((s) => s.train > 0, { message: 'must be more than 0', path: ['train'] })
  .refine((s) => s.test > 0, { message: 'must be more than 0', path: ['test'] });

const modelSchema = z.strictObject({
  /** `auto` builds an MLP for tables and a small CNN for images. */
  type: z.enum(['auto', 'mlp', 'cnn']).default('auto'),
  /** Filters of each CNN convolution block (conv 3×3 + max-pool 2×2). */
  filters: z.array(z.number().int('must be a whole number').min(1).max(512)).max(6).default([8, 16]),
  /** Units of each hidden layer. */
  hidden: z.array(z.number().int('must be a whole number').min(1).max(4096)).max(16).default([16]),
  activation: z.enum(['relu', 'tanh', 'sigmoid', 'elu']).default('relu'),
  dropout: z.number().min(0).max(0.9).default(0),
  /** A ready-made architecture (see src/core/train/presets.ts); wins over the shorthand above. */
  preset: z.enum(presetNames).optional(),
  /** Hidden layers in order, the output layer added from the task; wins over `preset` and the shorthand. */
  layers: layersSchema.optional(),
});

/** Learning-rate schedules; a bare name ("cosine") stands for that schedule with its defaults. */
const scheduleSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { type: v } : v),
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    /** Multiply the rate by `factor` every `every` epochs. */
    z.strictObject({ type: z.literal('step'), every: z.number().int('must be a whole number').min(1).default(10), factor: z.number().positive().max(1).default(0.5) }),
    /** Half a cosine from the learning rate down to `minLr` over the run's epochs. */
    z.strictObject({ type: z.literal('cosine'), minLr: z.number().min(0).default(0) }),
    /** Multiply the rate by `factor` when the monitored validation metric has not improved for `patience` epochs. */
    z.strictObject({
      type: z.literal('plateau'),
      patience: z.number().int('must be a whole number').min(1).default(5),
      factor: z.number().positive().max(1).default(0.5),
      minLr: z.number().min(0).default(0),
    }),
  ]),
);

/** Validation metrics early stopping and reduce-on-plateau can watch. */
export const monitorNames = ['valLoss', 'valAccuracy'] as const;
export type MonitorName = (typeof monitorNames)[number];

const earlyStoppingSchema = z.strictObject({
  metric: z.enum(monitorNames).default('valLoss'),
  /** Epochs without improvement before training stops. */
  patience: z.number().int('must be a whole number').min(1).default(10),
  /** Put back the weights of the best epoch when training ends (or is stopped). */
  restoreBest: z.boolean().default(true),
});

/** Loss functions; `auto` is cross-entropy for classification and MSE for regression. */
export const lossNames = ['auto', 'crossEntropy', 'mse', 'mae', 'huber'] as const;
export type LossName = (typeof lossNames)[number];

// Defaults measured by `npm run bench -- defaults` (public tables × seeds against scikit-learn's
// standardized logistic/linear regression): a gentler Adam rate, a little weight decay and early
// stopping with restore-best let `epochs` be a ceiling instead of a guess at the right length.
const trainSchema = z.strictObject({
  /** A ceiling: early stopping (on by default) usually ends the run sooner. */
  epochs: z.number().int('must be a whole number').min(1).max(10000).default(200),
  batchSize: z.number().int('must be a whole number').min(1).max(65536).default(16),
  learningRate: z.number().positive().max(10).default(0.005),
  optimizer: z.enum(['adam', 'sgd', 'rmsprop']).default('adam'),
  /** SGD momentum (0 is plain SGD); ignored by Adam and RMSprop. */
  momentum: z.number().min(0).max(0.999).default(0),
  /** L2 penalty added to every weight's gradient (decay · weight); 0 turns it off. */
  weightDecay: z.number().min(0).max(1).default(0.01),
  schedule: scheduleSchema.default({ type: 'none' }),
  /** Shorthand: stop when validation loss has not improved for `patience` epochs (restoring the best); 0 turns it off. */
  patience: z.number().int('must be a whole number').min(0).default(10),
  /** Early stopping on a chosen validation metric; wins over `patience` when both are given. */
  earlyStopping: earlyStoppingSchema.optional(),
  loss: z.enum(lossNames).default('auto'),
  /** Where the Huber loss turns from squared to linear. */
  huberDelta: z.number().positive().default(1),
  /** Weights per class for imbalanced data: `balanced` (n / (classes · count)) or a map from class name to weight. */
  classWeights: z.union([z.literal('balanced'), z.record(z.string(), z.number().min(0, 'must be 0 or more'))]).optional(),
});

/** The whole pipeline, version 1. Every field but `data` has a default. */
export const pipelineSpecSchema = z.strictObject({
  version: z.literal(1, { message: 'must be 1 (the only spec version Kiln knows)' }),
  seed: seed.default(42),
  task: z.enum(['auto', 'classification', 'regression']).default('auto'),
  backend: z.enum(backendNames).default('auto'),
  goal: goalSchema.prefault({}),
  /** Binary decision threshold and positive class; defaults 0.5 and the second class. */
  evaluate: evaluateSchema.prefault({}),
  data: dataSchema,
  /** Preparation steps, applied in order and fitted on the training split only. */
  prepare: prepareSchema,
  split: splitSchema.prefault({}),
  model: modelSchema.prefault({}),
  train: trainSchema.prefault({}),
  /** Random changes to training images each epoch (image data only); off unless `enabled`. */
  augment: augmentSchema.prefault({}),
  /** Hyperparameter search (random, grid, Bayesian, Hyperband); absent trains the spec as it is. */
  tuning: tuningSchema.optional(),
});

/** A spec as written by a person: everything but `version` and `data` may be left out. */
export type PipelineSpecInput = z.input<typeof pipelineSpecSchema>;
/** A spec with every default filled in. */
export type PipelineSpec = z.output<typeof pipelineSpecSchema>;
export type SplitSpec = PipelineSpec['split'];
export type ModelSpec = PipelineSpec['model'];
export type TrainSpec = PipelineSpec['train'];
export type ScheduleSpec = TrainSpec['schedule'];
export type EarlyStoppingSpec = NonNullable<TrainSpec['earlyStopping']>;
export type EvaluateSpec = PipelineSpec['evaluate'];
export type TaskKind = Exclude<PipelineSpec['task'], 'auto'>;
export type DataSpec = PipelineSpec['data'];
export type ImageSpec = DataSpec['image'];
