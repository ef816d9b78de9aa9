import * as tf from '@tensorflow/tfjs';

/** What `seededDropout` needs: the rate and the layer's base seed (plus the first layer's input shape). */
export interface SeededDropoutArgs {
  rate: number;
  seed: number;
  inputShape?: number[];
}

/**
 * Dropout whose mask changes on every training call yet repeats run for run: call n draws its
 * mask with the seed `"<seed>:<n>"`. TF.js's own Dropout given a seed draws the same mask on every
 * call (one batch position always loses the same units); without a seed runs do not repeat.
 *
 * It saves as a plain Keras `Dropout` (same class name and config), so model.json loads with
 * `tf.loadLayersModel` and the ONNX exporter's Dropout → identity mapping, with no registration.
 */
class SeededDropout extends tf.layers.Layer {
  static className = 'Dropout';
  readonly rate: number;
  readonly seed: number;
  /** Training calls so far: the per-call part of the mask's seed. */
  calls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args.inputShape ? { inputShape: args.inputShape } : {});
    this.rate = Math.max(Math.min(args.rate, 1), 0);
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate <= 0 || this.rate >= 1) return input;
    return tf.dropout(input, this.rate, undefined, `${this.seed}:${this.calls++}`);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { rate: this.rate, noiseShape: null, seed: this.seed, ...super.getConfig() };
  }
}

/** A dropout layer with a fresh, reproducible mask per training step (see SeededDropout). */
export function seededDropout(args: SeededDropoutArgs): tf.layers.Layer {
  return new SeededDropout(args);
}
