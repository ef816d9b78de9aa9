import { KilnError } from '../../../errors.ts';

/** One weight tensor from weights.bin: float32 values in row-major order, and its shape. */
export interface Weight {
  values: Float32Array;
  shape: number[];
}

interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

/**
 * The weights of a TF.js layers model by name: weights.bin is every manifest entry's values,
 * float32 little-endian, concatenated in manifest order.
 *
 * readWeights(modelJson, bin).get('dense_Dense1/kernel')
 * // → { values: Float32Array(12), shape: [4, 3] }
 */
export function readWeights(modelJson: unknown, weights: Uint8Array): Map<string, Weight> {
  const entries = manifestEntries(modelJson);
  const view = new DataView(weights.buffer, weights.byteOffset, weights.byteLength);
  const out = new Map<string, Weight>();
  let offset = 0;
  for (const entry of entries) {
    if (entry.dtype !== 'float32' || entry.quantization) {
      throw new KilnError(`weight '${entry.name}' is ${entry.quantization ? 'quantized' : entry.dtype}; ONNX export reads float32 weights only`, { file: 'model.json' });
    }
    const count = entry.shape.reduce((a, b) => a * b, 1);
    if (offset + count * 4 > weights.byteLength) {
      throw new KilnError(`weights.bin ends before weight '${entry.name}' (needs ${offset + count * 4} bytes, has ${weights.byteLength}); export the model again`);
    }
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(offset + i * 4, true);
    out.set(entry.name, { values, shape: entry.shape });
    offset += count * 4;
  }
  if (offset !== weights.byteLength) {
    throw new KilnError(`weights.bin holds ${weights.byteLength} bytes but model.json describes ${offset}; the two files do not belong together`);
  }
  return out;
}

function manifestEntries(modelJson: unknown): WeightEntry[] {
  const groups = (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(groups)) throw new KilnError('model.json has no weightsManifest; is it a TF.js layers model?', { file: 'model.json' });
  const entries = groups.flatMap((group: { weights?: unknown }) => (Array.isArray(group?.weights) ? group.weights : []));
  for (const e of entries) {
    const ok = typeof e?.name === 'string' && Array.isArray(e.shape) && e.shape.every((n: unknown) => Number.isInteger(n) && (n as number) >= 0);
    if (!ok) throw new KilnError(`weightsManifest entry ${JSON.stringify(e)} needs a name and a shape`, { file: 'model.json' });
  }
  return entries as WeightEntry[];
}
