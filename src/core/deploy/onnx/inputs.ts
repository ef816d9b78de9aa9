import type { InputField } from '../input-schema.ts';
import { readField, type RawCell } from '../predict/cells.ts';

/**
 * Raw records as the exported ONNX model's float32 input, [rows, fields] row-major: numbers as
 * they are, a category as its index in the schema's list (-1 when unseen), missing as NaN. Cells
 * are read as prediction reads them (readField), so both paths see the same values; a cell that
 * cannot be read (text in a numeric column) throws, naming it.
 *
 * onnxInputs([{ name: 'x', type: 'numeric', … }, { name: 'c', type: 'categorical', categories: ['a', 'b'] }],
 *            [{ x: '1.5', c: 'b' }, { x: null, c: 'zzz' }])
 * // → Float32Array [1.5, 1, NaN, -1]
 */
export function onnxInputs(schema: readonly InputField[], records: readonly Record<string, RawCell>[]): Float32Array {
  const n = records.length;
  const out = new Float32Array(n * schema.length);
  schema.forEach((field, k) => {
    const cells = readField(field, n, (r) => records[r][field.name], (_, e) => {
      throw e;
    });
    for (let r = 0; r < n; r++) {
      if (cells.type === 'numeric') out[r * schema.length + k] = cells.values[r];
      else {
        const text = cells.texts[r];
        out[r * schema.length + k] = text === null ? NaN : (field as Extract<InputField, { type: 'categorical' }>).categories.indexOf(text);
      }
    }
  });
  return out;
}
