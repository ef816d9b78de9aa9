import * as tf from '@tensorflow/tfjs';
import { KilnError } from '../../../src/core/errors.ts';
import type { LoopState, NamedArray } from '../../../src/core/train/checkpoint.ts';

/** How a run saves and resumes checkpoints (the pipeline fills it for the run's own model only). */
export interface LoopCheckpoints {
  /** The state to go on from: weights, optimizer, epochs and history. */
  resumeFrom?: LoopState;
  /** Called after completed epochs (at most every `everyMs`, and always after the last); awaited. */
  save?: (state: LoopState) => void | Promise<void>;
  /** Least milliseconds between two saves; 0 saves after every epoch. */
  everyMs?: number;
}

/** The model's weights (trainable and not) as host arrays, in model order. */
export async function readWeights(model: tf.LayersModel): Promise<NamedArray[]> {
  return Promise.all(model.weights.map(async (w) => ({ name: w.originalName, shape: [...w.read().shape], values: (await w.read().data()) as Float32Array })));
}

/** Writes checkpoint weights into the model; a different model (count or shapes) is refused with a KilnError. */
export function restoreWeights(model: tf.LayersModel, weights: readonly NamedArray[]): void {
  const shapes = (list: readonly { shape: readonly (number | null)[] }[]) => list.map((w) => `[${w.shape.join(',')}]`).join(' ');
  if (weights.length !== model.weights.length || weights.some((w, i) => shapes([w]) !== shapes([model.weights[i]]))) {
    throw new KilnError(`holds weights ${shapes(weights)}, but this model has ${shapes(model.weights)}; train from the start`, { path: 'checkpoint' });
  }
  model.weights.forEach((w, i) => tf.tidy(() => (w.read() as tf.Variable).assign(tf.tensor(weights[i].values, weights[i].shape, 'float32'))));
}

/** Kiln's seeded dropout layers (layers/dropout.ts) count their training calls: that count is their random state. */
function dropoutLayers(model: tf.LayersModel): { calls: number }[] {
  return model.layers.filter((l): l is tf.layers.Layer & { calls: number } => typeof (l as { calls?: unknown }).calls === 'number');
}

/** Each seeded dropout layer's calls so far. */
export function dropoutCalls(model: tf.LayersModel): number[] {
  return dropoutLayers(model).map((l) => l.calls);
}

/** Sets each seeded dropout layer's call count, so the resumed masks are the ones an unbroken run draws. */
export function restoreDropoutCalls(model: tf.LayersModel, calls: readonly number[]): void {
  const layers = dropoutLayers(model);
  if (calls.length !== layers.length) throw new KilnError(`holds ${calls.length} dropout layers' state, but this model has ${layers.length}; train from the start`, { path: 'checkpoint' });
  layers.forEach((l, i) => (l.calls = calls[i]));
}

/** Decides when an epoch end saves: every `everyMs` at most, and always at the run's last epoch. */
export function saveTimer(everyMs = 0): (last: boolean) => boolean {
  let lastSave = performance.now();
  return (last) => {
    const now = performance.now();
    if (!last && now - lastSave < everyMs) return false;
    lastSave = now;
    return true;
  };
}
