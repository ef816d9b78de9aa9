import * as tf from '@tensorflow/tfjs';
import { imageSize, type ImageSet } from '../../src/core/collect/image-set.ts';
import type { ImagePreprocessing } from '../../src/core/train/image-plan.ts';
import type { TensorSplit } from './fit.ts';

/**
 * Uploads the images at `indices` to the active backend as [n, height, width, channels] floats
 * (bytes × `input.scale`, so in [0, 1]) with one-hot class targets. The caller disposes x and y.
 */
export function imageTensors(set: ImageSet, indices: readonly number[], input: ImagePreprocessing): TensorSplit {
  const n = indices.length;
  const size = imageSize(set);
  const values = new Float32Array(n * size);
  indices.forEach((image, i) => {
    const bytes = set.pixels.subarray(image * size, (image + 1) * size);
    for (let k = 0; k < size; k++) values[i * size + k] = bytes[k] * input.scale;
  });
  const x = tf.tensor4d(values, [n, set.height, set.width, set.channels]);
  const labels = Int32Array.from(indices, (i) => set.labels[i]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), input.classes.length).toFloat() as tf.Tensor2D);
  return { x, y, n };
}
