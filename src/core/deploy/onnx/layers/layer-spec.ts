import { KilnError } from '../../../errors.ts';

/** One layer as model.json describes it: its Keras class name, its name and its config. */
export interface LayerSpec {
  className: string;
  name: string;
  config: Record<string, unknown>;
}

/**
 * The error for a layer, or an option of one, that the ONNX export cannot express.
 *
 * unsupported({ name: 'lstm_1', className: 'LSTM', config: {} }).message
 * // → "ONNX export does not support layer 'lstm_1' (LSTM). Export the TF.js model instead, …"
 */
export function unsupported(layer: Pick<LayerSpec, 'name' | 'className'>, detail = ''): KilnError {
  const what = `ONNX export does not support layer '${layer.name}' (${layer.className})${detail ? ` ${detail}` : ''}`;
  return new KilnError(`${what}. Export the TF.js model instead, or rebuild the network without it.`);
}

/** A number option, or `fallback` when the config leaves it out. */
export function numberOption(layer: LayerSpec, key: string, fallback: number): number {
  const v = layer.config[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw unsupported(layer, `with ${key} = ${JSON.stringify(v)}`);
  return v;
}

/** A 2-D window option (pool_size, strides, …): Keras writes either one number or a pair. */
export function pairOption(layer: LayerSpec, key: string, fallback: [number, number]): [number, number] {
  const v = layer.config[key] ?? fallback;
  const pair = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((n) => Number.isInteger(n) && n > 0)) {
    throw unsupported(layer, `with ${key} = ${JSON.stringify(v)}`);
  }
  return [pair[0], pair[1]];
}

/** A string option restricted to `allowed`; the first allowed value is the default. */
export function choiceOption<T extends string>(layer: LayerSpec, key: string, allowed: readonly T[]): T {
  const v = layer.config[key] ?? allowed[0];
  if (!allowed.includes(v as T)) throw unsupported(layer, `with ${key} '${String(v)}'`);
  return v as T;
}
