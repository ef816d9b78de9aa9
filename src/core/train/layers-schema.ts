import { z } from 'zod';

/** Activations a layer may use; each one TF.js trains and the ONNX exporter converts. */
export const activationNames = ['linear', 'relu', 'relu6', 'elu', 'selu', 'tanh', 'sigmoid', 'hardSigmoid', 'softplus', 'softsign', 'swish'] as const;
export type ActivationName = (typeof activationNames)[number];

const whole = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `must be ${min} or more`).max(max, `must be ${max} or fewer`);
const activation = z.enum(activationNames).default('relu');

const dense = z.strictObject({ type: z.literal('dense'), units: whole(1, 4096), activation });
const conv2d = z.strictObject({
  type: z.literal('conv2d'),
  filters: whole(1, 512),
  /** Square kernel side. */
  kernelSize: whole(1, 15).default(3),
  /** Step in both directions; 1 when absent. */
  strides: whole(1, 8).optional(),
  padding: z.enum(['same', 'valid']).default('same'),
  activation,
});
// Pools use TF.js's defaults: valid padding, strides equal to the pool size when absent.
const pool = { poolSize: whole(1, 16).default(2), strides: whole(1, 16).optional() };
const maxPool = z.strictObject({ type: z.literal('maxPool'), ...pool });
const avgPool = z.strictObject({ type: z.literal('avgPool'), ...pool });
const dropout = z.strictObject({ type: z.literal('dropout'), rate: z.number().min(0, 'must be 0 or more').max(0.95, 'must be 0.95 or less').default(0.25) });
const batchNorm = z.strictObject({ type: z.literal('batchNorm') });
const flatten = z.strictObject({ type: z.literal('flatten') });
const globalAvgPool = z.strictObject({ type: z.literal('globalAvgPool') });

/** One hidden layer of `model.layers`; the output layer is never listed (the task decides it). */
export const layerSchema = z.discriminatedUnion('type', [dense, conv2d, maxPool, avgPool, dropout, batchNorm, flatten, globalAvgPool], {
  error: 'must be a layer: type dense, conv2d, maxPool, avgPool, dropout, batchNorm, flatten or globalAvgPool',
});

/** A hidden layer with every default filled in. */
export type Layer = z.output<typeof layerSchema>;
export type LayerType = Layer['type'];
/** A layer as written in a spec (defaults may be left out). */
export type LayerInput = z.input<typeof layerSchema>;

/** Layer types in the order the builder offers them. */
export const layerTypes: readonly LayerType[] = ['dense', 'conv2d', 'maxPool', 'avgPool', 'dropout', 'batchNorm', 'flatten', 'globalAvgPool'];

/** Ready-made architectures; `auto` picks one from the data (see presets.ts). */
export const presetNames = ['auto', 'linear', 'logistic', 'mlp', 'cnn-28-grey', 'cnn-32-colour', 'cnn-64-colour'] as const;
export type PresetName = (typeof presetNames)[number];

/** `model.layers`: at most 32 hidden layers. */
export const layersSchema = z.array(layerSchema).max(32, 'must have 32 layers or fewer');
