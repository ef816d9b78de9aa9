import { KilnError } from '../../errors.ts';
import type { SageMakerManifest } from './manifest-schema.ts';

/**
 * One raw CSV row (cells as text, in the manifest's field order) as the ONNX input's numbers, by
 * the manifest's encoding: numbers as they are, an empty cell NaN, a category its index in the
 * training list, an unseen category -1. invoke.py and invoke.sh do the same for Triton requests.
 *
 * encodeRow(penguins, ['39.1', 'Dream', '']) // → [39.1, 1, NaN]
 * encodeRow(penguins, ['39.1', 'Atlantis', '']) // → [39.1, -1, NaN]
 */
export function encodeRow(manifest: SageMakerManifest, cells: readonly string[]): number[] {
  const { input } = manifest;
  const expected = input.kind === 'table' ? input.fields.length : input.width * input.height * input.channels;
  if (cells.length !== expected) {
    throw new KilnError(`the row has ${cells.length} values; the model takes ${expected}`, { path: 'row' });
  }
  if (input.kind === 'image') return cells.map((c, i) => number(c, `pixel ${i}`));
  return input.fields.map((field, i) => {
    const cell = cells[i].trim();
    if (cell === '') return NaN;
    if (field.type === 'numeric') return number(cell, field.name);
    return field.categories.indexOf(cell);
  });
}

/**
 * The KServe v2 request body Triton takes for one row (https://github.com/kserve/kserve/blob/master/docs/predict-api/v2/required_api.md).
 * JSON has no NaN, but Triton parses request JSON with RapidJSON's kParseNanAndInfFlag
 * (triton-inference-server/common include/triton/common/triton_json.h), so a missing value is
 * written as the bare literal NaN, as Python's json.dumps does.
 *
 * kserveRequest(iris, ['5.1', '3.5', '1.4', '0.2'])
 * // → '{"inputs":[{"name":"x","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}'
 */
export function kserveRequest(manifest: SageMakerManifest, cells: readonly string[]): string {
  const data = encodeRow(manifest, cells);
  const { name, dims } = manifest.input.onnx;
  const body = { inputs: [{ name, shape: [1, ...dims], datatype: 'FP32', data: data.map((v) => (Number.isNaN(v) ? '__NaN__' : v)) }] };
  return JSON.stringify(body).replaceAll('"__NaN__"', 'NaN');
}

function number(cell: string, column: string): number {
  const v = Number(cell.trim());
  if (cell.trim() === '' || !Number.isFinite(v)) throw new KilnError(`'${cell}' is not a number`, { column });
  return v;
}
