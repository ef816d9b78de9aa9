import * as tf from '@tensorflow/tfjs';
import type { NamedArray } from '../../../src/core/train/checkpoint.ts';

/**
 * The best epoch's weights, kept on the device. Weights are replaced (not written in place) by
 * every update, so a snapshot is a clone sharing the old data: no copy is made.
 */
export class Checkpoint {
  #saved: tf.Tensor[] | null = null;
  epoch = 0;

  constructor(private readonly model: tf.LayersModel) {}

  /** Remembers the model's current weights (trainable and not) as those of `epoch`. */
  save(epoch: number): void {
    this.#drop();
    this.#saved = this.model.weights.map((w) => w.read().clone());
    this.epoch = epoch;
  }

  /** Puts the saved weights back into the model; false when nothing was saved. */
  restore(): boolean {
    if (!this.#saved) return false;
    this.model.weights.forEach((w, i) => (w.read() as tf.Variable).assign(this.#saved![i]));
    return true;
  }

  /** Takes `weights` (a resumed run's best so far, in model order) as those of `epoch`. */
  load(epoch: number, weights: readonly NamedArray[]): void {
    this.#drop();
    this.#saved = weights.map((w) => tf.tensor(w.values, w.shape, 'float32'));
    this.epoch = epoch;
  }

  /** The saved weights as host arrays, named as the model's weights; null when nothing was saved. */
  async read(): Promise<NamedArray[] | null> {
    if (!this.#saved) return null;
    const saved = this.#saved;
    return Promise.all(this.model.weights.map(async (w, i) => ({ name: w.originalName, shape: [...saved[i].shape], values: (await saved[i].data()) as Float32Array })));
  }

  /** Frees the saved weights. */
  dispose(): void {
    this.#drop();
  }

  #drop(): void {
    this.#saved?.forEach((t) => t.dispose());
    this.#saved = null;
  }
}
