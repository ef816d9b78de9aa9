import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';

/** Runs the file's tests on TF.js's CPU backend, without the Node banner. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    tf.env().set('PROD', true);
    await tf.setBackend('cpu');
    await tf.ready();
  });
}

/** An n × h × w × c batch whose every value is distinct and in [0, 1], so any move shows. */
export function distinctBatch(n: number, h: number, w: number, c: number): tf.Tensor4D {
  const size = n * h * w * c;
  return tf.tensor4d(Float32Array.from({ length: size }, (_, i) => (i + 1) / (size + 1)), [n, h, w, c]);
}

/** Pixel [row][col][channel] of image `i`, as nested arrays. */
export function image(x: tf.Tensor4D, i: number): number[][][] {
  return (x.arraySync() as number[][][][])[i];
}
