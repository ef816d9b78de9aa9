import * as tf from '@tensorflow/tfjs';

/** Runs the model over `x` in batches and reads the outputs back once. */
export async function predictAll(model: tf.LayersModel, x: tf.Tensor, batchSize = 256): Promise<Float32Array> {
  const out = model.predict(x, { batchSize }) as tf.Tensor;
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
