import type { DensePlan, FusedActivation } from './plan.ts';

/** Where one layer's kernel and bias sit in the flat parameter vector. */
interface Slot {
  inputs: number;
  units: number;
  activation: FusedActivation;
  kernel: number;
  /** Offset of the bias, or -1 without one. */
  bias: number;
}

/**
 * A Dense stack's forward and backward pass as plain loops over Float32Arrays, on one flat
 * parameter vector laid out like the model's trainable weights (kernel, bias per layer). Values
 * are stored as float32 after each operation, in the order TF.js's CPU kernels round them, so a
 * step matches the generic loop's to float rounding.
 */
export class DenseNet {
  readonly size: number;
  readonly params: Float32Array;
  readonly grads: Float32Array;
  readonly #slots: Slot[];
  /** Per layer, its input activations (index 0 is the batch) and its output (the last is the logits). */
  readonly #acts: Float32Array[];
  readonly #deltas: Float32Array[];

  constructor(plan: DensePlan, maxBatch: number) {
    let offset = 0;
    this.#slots = plan.layers.map((l) => {
      const kernel = offset;
      offset += l.inputs * l.units;
      const bias = l.bias ? offset : -1;
      if (l.bias) offset += l.units;
      return { inputs: l.inputs, units: l.units, activation: l.activation, kernel, bias };
    });
    this.size = offset;
    this.params = new Float32Array(offset);
    this.grads = new Float32Array(offset);
    this.#acts = [new Float32Array(maxBatch * plan.layers[0].inputs), ...plan.layers.map((l) => new Float32Array(maxBatch * l.units))];
    this.#deltas = plan.layers.map((l) => new Float32Array(maxBatch * l.units));
  }

  /** The buffer to copy a batch's feature rows into before `forward`. */
  get input(): Float32Array {
    return this.#acts[0];
  }

  /** Runs rows [0, batch) of `input` through the stack; returns the output layer's values (logits or predictions). */
  forward(batch: number): Float32Array {
    const p = this.params;
    for (const [l, s] of this.#slots.entries()) {
      const [a, z] = [this.#acts[l], this.#acts[l + 1]];
      for (let r = 0; r < batch; r++) {
        for (let j = 0; j < s.units; j++) {
          let sum = 0;
          for (let k = 0; k < s.inputs; k++) sum += a[r * s.inputs + k] * p[s.kernel + k * s.units + j];
          z[r * s.units + j] = sum;
          if (s.bias >= 0) z[r * s.units + j] += p[s.bias + j];
        }
      }
      activate(s.activation, z, batch * s.units);
    }
    return this.#acts[this.#slots.length];
  }

  /** The buffer for ∂loss/∂output of the last `forward`, which the loss head fills before `backward`. */
  get outputGrad(): Float32Array {
    return this.#deltas[this.#slots.length - 1];
  }

  /** Back-propagates `outputGrad` through the stack, writing every weight's gradient into `grads`. */
  backward(batch: number): void {
    const [p, g] = [this.params, this.grads];
    for (let l = this.#slots.length - 1; l >= 0; l--) {
      const s = this.#slots[l];
      const [a, y, d] = [this.#acts[l], this.#acts[l + 1], this.#deltas[l]];
      derive(s.activation, d, y, batch * s.units);
      for (let k = 0; k < s.inputs; k++) {
        for (let j = 0; j < s.units; j++) {
          let sum = 0;
          for (let r = 0; r < batch; r++) sum += a[r * s.inputs + k] * d[r * s.units + j];
          g[s.kernel + k * s.units + j] = sum;
        }
      }
      if (s.bias >= 0) {
        for (let j = 0; j < s.units; j++) {
          let sum = 0;
          for (let r = 0; r < batch; r++) sum += d[r * s.units + j];
          g[s.bias + j] = sum;
        }
      }
      if (l === 0) break;
      const below = this.#deltas[l - 1];
      for (let r = 0; r < batch; r++) {
        for (let k = 0; k < s.inputs; k++) {
          let sum = 0;
          for (let j = 0; j < s.units; j++) sum += d[r * s.units + j] * p[s.kernel + k * s.units + j];
          below[r * s.inputs + k] = sum;
        }
      }
    }
  }
}

/** Applies an activation in place, as TF.js's CPU kernels compute it. */
function activate(kind: FusedActivation, z: Float32Array, n: number): void {
  if (kind === 'relu') for (let i = 0; i < n; i++) z[i] = z[i] > 0 ? z[i] : 0;
  else if (kind === 'elu') for (let i = 0; i < n; i++) z[i] = z[i] >= 0 ? z[i] : Math.exp(z[i]) - 1;
  else if (kind === 'tanh') for (let i = 0; i < n; i++) z[i] = Math.tanh(z[i]);
  else if (kind === 'sigmoid') for (let i = 0; i < n; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
}

/** Multiplies ∂loss/∂y in place by the activation's derivative, from its outputs `y` (TF.js's gradient formulas). */
function derive(kind: FusedActivation, d: Float32Array, y: Float32Array, n: number): void {
  if (kind === 'relu') for (let i = 0; i < n; i++) d[i] = y[i] > 0 ? d[i] : 0;
  else if (kind === 'elu') for (let i = 0; i < n; i++) d[i] = y[i] >= 0 ? d[i] : d[i] * (y[i] + 1);
  else if (kind === 'tanh') for (let i = 0; i < n; i++) d[i] = Math.fround(1 - Math.fround(y[i] * y[i])) * d[i];
  else if (kind === 'sigmoid') for (let i = 0; i < n; i++) d[i] = d[i] * Math.fround(y[i] * Math.fround(1 - y[i]));
}
