import * as tf from '@tensorflow/tfjs';

/** The input an image model expects: size and the factor that turns bytes into its inputs. */
export interface SaliencyInput {
  width: number;
  height: number;
  channels: number;
  /** Multiplies each byte (1/255 → [0, 1]), as training did. */
  scale: number;
}

/**
 * Saliency maps by input gradients: |∂ p(predicted class) / ∂ pixel| for each image, the largest
 * over its channels, divided by the image's own maximum so every map spans [0, 1] (an image whose
 * gradient is zero everywhere gets a map of zeros). Images are independent under `training: false`,
 * so one gradient of the summed maxima gives every image's map at once. No tensor outlives the call.
 *
 * saliencyMaps(model, pixels, 2, { width: 16, height: 16, channels: 1, scale: 1 / 255 })
 * // → Float32Array(2 × 16 × 16), values in [0, 1]
 */
export function saliencyMaps(model: tf.LayersModel, pixels: Uint8Array, count: number, input: SaliencyInput, batchSize = 32): Float32Array {
  const { width, height, channels } = input;
  const size = width * height * channels;
  if (pixels.length !== count * size) throw new RangeError(`expected ${count} × ${size} bytes, got ${pixels.length}`);
  const out = new Float32Array(count * width * height);
  const maxProb = (x: tf.Tensor) => (model.apply(x, { training: false }) as tf.Tensor).max(1).sum();
  const grad = tf.grad(maxProb);
  for (let from = 0; from < count; from += batchSize) {
    const n = Math.min(batchSize, count - from);
    const maps = tf.tidy(() => {
      const x = tf.tensor4d(Float32Array.from(pixels.subarray(from * size, (from + n) * size)), [n, height, width, channels]).mul(input.scale);
      const g = grad(x).abs().max(3); // n × h × w
      const peak = g.max([1, 2], true);
      return g.div(tf.maximum(peak, 1e-12));
    });
    try {
      out.set(maps.dataSync() as Float32Array, from * width * height);
    } finally {
      maps.dispose();
    }
  }
  return out;
}
