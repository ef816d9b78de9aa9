import { KilnError } from '../../errors.ts';

/** One ONNX graph input or output as Triton sees it: name and dims without the batch dimension. */
export interface TensorSignature {
  name: string;
  dims: number[];
}

/** The ONNX graph's single input and output; dims exclude the leading (dynamic) batch dimension. */
export interface ModelSignature {
  input: TensorSignature;
  output: TensorSignature;
}

/** Largest batch Triton forms; the ONNX graph's batch dimension is dynamic, so any size works. */
export const MAX_BATCH_SIZE = 64;

/**
 * config.pbtxt for Triton's ONNX Runtime backend. With max_batch_size > 0 Triton adds the batch
 * dimension itself, so `dims` must leave it out
 * (https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_configuration.md#maximum-batch-size).
 *
 * tritonConfig('iris', { input: { name: 'x', dims: [4] }, output: { name: 'probs', dims: [3] } })
 * // → 'name: "iris"\nbackend: "onnxruntime"\nmax_batch_size: 64\ninput [ … dims: [ 4 ] … ]…'
 */
export function tritonConfig(name: string, signature: ModelSignature, maxBatchSize = MAX_BATCH_SIZE): string {
  checkTensor(signature.input, 'signature.input');
  checkTensor(signature.output, 'signature.output');
  return [
    `name: ${quote(name)}`,
    'backend: "onnxruntime"',
    `max_batch_size: ${maxBatchSize}`,
    tensorBlock('input', signature.input),
    tensorBlock('output', signature.output),
    // Lets Triton merge concurrent single-row requests into one batch; no delay is added by default.
    'dynamic_batching { }',
    '',
  ].join('\n');
}

function tensorBlock(kind: 'input' | 'output', t: TensorSignature): string {
  return [
    `${kind} [`,
    '  {',
    `    name: ${quote(t.name)}`,
    '    data_type: TYPE_FP32',
    `    dims: [ ${t.dims.join(', ')} ]`,
    '  }',
    ']',
  ].join('\n');
}

function checkTensor(t: TensorSignature, path: string): void {
  if (!t.name) throw new KilnError('the ONNX tensor needs a name', { path });
  if (t.dims.length === 0 || !t.dims.every((d) => Number.isInteger(d) && d > 0)) {
    throw new KilnError(`dims must be positive whole numbers without the batch dimension, got [${t.dims.join(', ')}]`, { path: `${path}.dims` });
  }
}

/** A protobuf text-format string literal. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
