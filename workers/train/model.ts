import * as tf from '@tensorflow/tfjs';
import type { ModelSpec, TaskKind, TrainSpec } from '../../src/core/spec/schema.ts';
import { compileFor } from './optimizer.ts';
import { checkedModel, type ModelContext } from '../../src/core/train/presets.ts';
import { buildStack } from './layers/build.ts';

/** Shape of the problem the model is built for. */
export interface ModelShape {
  inputWidth: number;
  /** Number of classes for classification; 1 for regression. */
  outputs: number;
  task: TaskKind;
  /** Training rows, when known; sizes the MLP preset. */
  rows?: number;
}

/**
 * Builds and compiles the table model the spec describes (`model.layers`, a preset, or the
 * hidden-layer shorthand); weights are seeded so runs repeat. An invalid stack throws a KilnError
 * naming the layer.
 */
export function buildModel(spec: ModelSpec, train: TrainSpec, shape: ModelShape, seed: number): tf.LayersModel {
  const ctx: ModelContext = { kind: 'table', task: shape.task, input: [shape.inputWidth], classes: shape.outputs, rows: shape.rows };
  const { layers, output } = checkedModel(spec, ctx);
  return compileFor(buildStack(ctx.input, layers, output, seed), train, shape.task);
}

/** Size of the images an image model takes, and how many classes it tells apart. */
export interface ImageModelShape {
  width: number;
  height: number;
  channels: number;
  classes: number;
  /** Training images, when known; small sets get the narrower CNN presets. */
  rows?: number;
}

/**
 * Builds and compiles an image classifier: `model.layers` or a preset when the spec has them,
 * else the shorthand's small CNN: per entry of `filters` a seeded 3×3 conv (relu, same padding)
 * and a 2×2 max-pool, then flatten, the hidden dense layers and a softmax (no filters: an MLP on
 * the raw pixels). Input is [batch, height, width, channels].
 */
export function buildCnn(spec: ModelSpec, filters: readonly number[], train: TrainSpec, shape: ImageModelShape, seed: number): tf.LayersModel {
  const input = [shape.height, shape.width, shape.channels];
  const ctx: ModelContext = { kind: 'images', task: 'classification', input, classes: shape.classes, rows: shape.rows };
  const { layers, output } = checkedModel({ ...spec, type: 'cnn', filters: [...filters] }, ctx);
  return compileFor(buildStack(input, layers, output, seed), train, 'classification');
}

/** Disposes a model and the optimizer we handed it (tfjs leaves a passed-in optimizer alive). */
export function disposeModel(model: tf.LayersModel): void {
  model.optimizer?.dispose();
  model.dispose();
}
