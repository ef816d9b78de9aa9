import * as tf from '@tensorflow/tfjs';
import type { TaskKind, TrainSpec } from '../../src/core/spec/schema.ts';

/**
 * Compiles a model the spec's way, so `model.fit`, `evaluate` and saving with a training config
 * still work. Kiln's own loop (loop/train-loop.ts) does not use the compiled optimizer or loss.
 */
export function compileFor(model: tf.LayersModel, train: TrainSpec, task: TaskKind): tf.LayersModel {
  const classify = task === 'classification';
  model.compile({
    optimizer: makeOptimizer(train),
    loss: classify ? 'categoricalCrossentropy' : 'meanSquaredError',
    metrics: classify ? ['accuracy'] : [],
  });
  return model;
}

/** The TF.js optimizer the spec names (SGD with its momentum), for `model.fit` and the benchmark's reference. */
export function makeOptimizer({ optimizer, learningRate, momentum }: Pick<TrainSpec, 'optimizer' | 'learningRate' | 'momentum'>): tf.Optimizer {
  if (optimizer === 'sgd') return momentum > 0 ? momentumOptimizer(learningRate, momentum) : tf.train.sgd(learningRate);
  if (optimizer === 'rmsprop') return tf.train.rmsprop(learningRate);
  return tf.train.adam(learningRate);
}

/**
 * tf.train.momentum whose `dispose` frees everything: tfjs 4.22's MomentumOptimizer.dispose does
 * not call SGD's, so the learning-rate scalar SGD keeps (`c`) outlived every run.
 */
function momentumOptimizer(learningRate: number, momentum: number): tf.MomentumOptimizer {
  const optimizer = tf.train.momentum(learningRate, momentum);
  const own = optimizer.dispose.bind(optimizer);
  optimizer.dispose = () => {
    own();
    tf.SGDOptimizer.prototype.dispose.call(optimizer);
  };
  return optimizer;
}
