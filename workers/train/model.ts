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
  spec.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: spec.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        ...(i === 0 ? { inputShape: [shape.inputWidth] } : {}),
      }),
    );
    if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, seed: seed + 100 + i }));
  });
  const classify = shape.task === 'classification';
  model.add(
    tf.layers.dense({
      units: shape.outputs,
      activation: classify ? 'softmax' : 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1000 }),
      ...(spec.hidden.length === 0 ? { inputShape: [shape.inputWidth] } : {}),
    }),
  );
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
