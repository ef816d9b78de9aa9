import * as tf from '@tensorflow/tfjs';
import type { LossKind } from '../../../src/core/train/loss.ts';

/** Hidden-layer activations the fused path computes (with their derivatives) by hand. */
export const fusedActivations = ['linear', 'relu', 'elu', 'tanh', 'sigmoid'] as const;
export type FusedActivation = (typeof fusedActivations)[number];

/** One Dense layer as the fused path sees it: a [inputs, units] kernel, an optional bias. */
export interface DenseShape {
  inputs: number;
  units: number;
  activation: FusedActivation;
  bias: boolean;
}

/** A Dense-only model the fused path can train: hidden layers, then a linear output the head finishes. */
export interface DensePlan {
  layers: DenseShape[];
  /** Cross-entropy on a softmax output (computed from logits), or a regression loss on a linear one. */
  loss: LossKind;
}

/** Model options no hand-written step reproduces; any of them sends the run to the generic loop. */
const unsupportedConfig = ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint'] as const;

/**
 * The plan of a model the fused CPU path can train, or why it cannot (the generic loop then
 * trains it). Only Sequential stacks of Dense layers on the CPU backend qualify: there a step is
 * ~130 tiny kernels whose overhead, not arithmetic, is the cost. Dropout falls back because the
 * generic loop's seeded TF.js dropout cannot be reproduced here.
 *
 * planFused(mlp, 'crossEntropy') // → { layers: [{ inputs: 10, units: 32, activation: 'relu', bias: true }, …], loss: 'crossEntropy' }
 */
export function planFused(model: tf.LayersModel, loss: LossKind): DensePlan | string {
  if (tf.getBackend() !== 'cpu') return `the ${tf.getBackend()} backend runs the generic loop`;
  if (!(model instanceof tf.Sequential)) return 'only Sequential models are fused';
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const shapes: DenseShape[] = [];
  let width = model.inputs[0].shape.length === 2 ? model.inputs[0].shape[1] : null;
  if (width === null) return 'the input is not a flat row of features';
  for (const [i, layer] of layers.entries()) {
    if (layer.getClassName() !== 'Dense') return `layer ${i} is ${layer.getClassName()}`;
    const config = layer.getConfig() as Record<string, unknown>;
    const bad = unsupportedConfig.find((key) => config[key] != null);
    if (bad) return `layer ${i} has a ${bad}`;
    if (!layer.trainable) return `layer ${i} is frozen`;
    const activation = String(config.activation);
    const last = i === layers.length - 1;
    const expected = loss === 'crossEntropy' ? 'softmax' : 'linear';
    if (last ? activation !== expected : !(fusedActivations as readonly string[]).includes(activation)) {
      return `layer ${i}'s ${activation} activation with the ${loss} loss`;
    }
    const units = Number(config.units);
    shapes.push({ inputs: width, units, activation: last ? 'linear' : (activation as FusedActivation), bias: config.useBias !== false });
    width = units;
  }
  if (shapes.length === 0) return 'the model has no layers';
  const expectedWeights = shapes.reduce((n, s) => n + (s.bias ? 2 : 1), 0);
  if (model.weights.length !== expectedWeights || model.trainableWeights.length !== expectedWeights) return 'the model has weights besides kernels and biases';
  return { layers: shapes, loss };
}
