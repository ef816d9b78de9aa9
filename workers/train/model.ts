import * as tf from '@tensorflow/tfjs';
import type { ModelSpec, TaskKind, TrainSpec } from '../../src/core/spec/schema.ts';

/** Shape of the problem the model is built for. */
export interface ModelShape {
  inputWidth: number;
  /** Number of classes for classification; 1 for regression. */
  outputs: number;
  task: TaskKind;
}

/** Builds and compiles the MLP the spec describes; weights are seeded so runs repeat. */
export function buildModel(spec: ModelSpec, train: TrainSpec, shape: ModelShape, seed: number): tf.LayersModel {
  const model = tf.sequential();
  addDenseLayers(model, spec, shape, seed, [shape.inputWidth]);
  return compileFor(model, train, shape.task);
}

/** Size of the images an image model takes, and how many classes it tells apart. */
export interface ImageModelShape {
  width: number;
  height: number;
  channels: number;
  classes: number;
}

/**
 * Builds and compiles a small CNN: per entry of `filters` a seeded 3×3 conv (relu, same padding)
 * and a 2×2 max-pool, then flatten, the spec's hidden dense layers and a softmax. No filters
 * gives an MLP on the raw pixels. Input is [batch, height, width, channels].
 */
export function buildCnn(spec: ModelSpec, filters: readonly number[], train: TrainSpec, shape: ImageModelShape, seed: number): tf.LayersModel {
  const model = tf.sequential();
  const inputShape = [shape.height, shape.width, shape.channels];
  filters.forEach((count, i) => {
    model.add(
      tf.layers.conv2d({
        filters: count,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 200 + i }),
        ...(i === 0 ? { inputShape } : {}),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  });
  model.add(tf.layers.flatten(filters.length === 0 ? { inputShape } : {}));
  addDenseLayers(model, spec, { outputs: shape.classes, task: 'classification' }, seed);
  return compileFor(model, train, 'classification');
}

/** Hidden dense layers (with dropout) and the output layer; `inputShape` when they come first. */
function addDenseLayers(model: tf.Sequential, spec: ModelSpec, shape: Omit<ModelShape, 'inputWidth'>, seed: number, inputShape?: number[]): void {
  const first = (i: number) => (i === 0 && inputShape ? { inputShape } : {});
  spec.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: spec.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        ...first(i),
      }),
    );
    if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, seed: seed + 100 + i }));
  });
  model.add(
    tf.layers.dense({
      units: shape.outputs,
      activation: shape.task === 'classification' ? 'softmax' : 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1000 }),
      ...first(spec.hidden.length),
    }),
  );
}

function compileFor(model: tf.LayersModel, train: TrainSpec, task: TaskKind): tf.LayersModel {
  const classify = task === 'classification';
  model.compile({
    optimizer: makeOptimizer(train),
    loss: classify ? 'categoricalCrossentropy' : 'meanSquaredError',
    metrics: classify ? ['accuracy'] : [],
  });
  return model;
}

function makeOptimizer({ optimizer, learningRate }: TrainSpec): tf.Optimizer {
  if (optimizer === 'sgd') return tf.train.sgd(learningRate);
  if (optimizer === 'rmsprop') return tf.train.rmsprop(learningRate);
  return tf.train.adam(learningRate);
}

/** Disposes a model and the optimizer we handed it (tfjs leaves a passed-in optimizer alive). */
export function disposeModel(model: tf.LayersModel): void {
  model.optimizer?.dispose();
  model.dispose();
}
