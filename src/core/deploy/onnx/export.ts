import onnxProto from 'onnx-proto';
import { KilnError } from '../../errors.ts';
import type { ImageModelDoc, ModelDoc, ModelFiles, TableModelDoc } from '../model-doc.ts';
import { encodeModel, OnnxGraph } from './graph.ts';
import { convertNetwork } from './layers/index.ts';
import { compilePrepare } from './prepare/index.ts';

const { onnx } = onnxProto;

/** One graph input or output: its name and dims WITHOUT the batch dimension (as Triton's config.pbtxt wants them). */
export interface OnnxTensor {
  name: string;
  dims: number[];
}

/** The exported graph's single input and output; the batch dimension is dynamic and left out. */
export interface OnnxSignature {
  input: OnnxTensor;
  output: OnnxTensor;
}

/**
 * What the ONNX export of a model takes and returns: `input` (raw table fields, or NHWC pixels
 * 0-255) and `probabilities` (classes, in doc order) or `prediction` (regression, label units).
 *
 * onnxSignature(irisDoc) // → { input: { name: 'input', dims: [4] }, output: { name: 'probabilities', dims: [3] } }
 */
export function onnxSignature(doc: ModelDoc): OnnxSignature {
  if (doc.kind === 'images') {
    return { input: { name: 'input', dims: [doc.height, doc.width, doc.channels] }, output: { name: 'probabilities', dims: [doc.classes.length] } };
  }
  const output = doc.task === 'regression' ? { name: 'prediction', dims: [1] } : { name: 'probabilities', dims: [doc.classes?.length ?? 0] };
  return { input: { name: 'input', dims: [doc.fields.length] }, output };
}

/**
 * A table model as ONNX (opset 13): raw fields in, with the fitted preparation, the network, and
 * for regression the label's scale back, all inside the graph. See compilePrepare for the input.
 *
 * exportTableOnnx(files) // → Uint8Array of an ONNX model: input [batch, 4] → probabilities [batch, 3]
 */
export function exportTableOnnx(files: ModelFiles): Uint8Array {
  const doc = readDoc(files);
  if (doc.kind !== 'table') throw new KilnError('this is an image model; export it with exportImageOnnx', { file: 'preprocessing.json' });
  const sig = onnxSignature(doc);
  const g = new OnnxGraph();
  const features = compilePrepare(g, doc, sig.input.name);
  const net = convertNetwork(g, networkFiles(files), features.output);
  let out = net.output;
  if (doc.preprocessor.label.kind === 'target') {
    // The network predicts the standardised target; scale it back to the label's units.
    const { mean, std } = doc.preprocessor.label;
    out = g.op('Add', [g.op('Mul', [out, g.constant('label_std', [std], [])]), g.constant('label_mean', [mean], [])]);
  }
  return finish(g, out, net.outputDims, sig, `Kiln table model: ${doc.task} of '${doc.label}'`);
}

/**
 * An image model as ONNX (opset 13): NHWC pixels 0-255 in, multiplied by `doc.scale` inside the
 * graph, class probabilities out.
 *
 * exportImageOnnx(files) // → Uint8Array: input [batch, 28, 28, 1] → probabilities [batch, 10]
 */
export function exportImageOnnx(files: ModelFiles): Uint8Array {
  const doc = readDoc(files);
  if (doc.kind !== 'images') throw new KilnError('this is a table model; export it with exportTableOnnx', { file: 'preprocessing.json' });
  const sig = onnxSignature(doc);
  const g = new OnnxGraph();
  const scaled = g.op('Mul', [sig.input.name, g.constant('scale', [doc.scale], [])]);
  const net = convertNetwork(g, networkFiles(files), scaled);
  return finish(g, net.output, net.outputDims, sig, `Kiln image model: ${doc.classes.length} classes of '${doc.label}'`);
}

/** Names the output as the signature says, checks its shape and serialises the model. */
function finish(g: OnnxGraph, out: string, outDims: number[], sig: OnnxSignature, docString: string): Uint8Array {
  if (outDims.join() !== sig.output.dims.join()) {
    const detail = `the network's output is [${outDims}], but preprocessing.json expects [${sig.output.dims}]; the files do not belong together, export the model again`;
    throw new KilnError(detail, { file: 'model.json' });
  }
  // OnnxGraph numbers every name it makes; the contract's names are set on one last Identity.
  g.nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: [out], output: [sig.output.name], name: g.name('output_node') }));
  const batch = (t: OnnxTensor) => ({ name: t.name, dims: [-1, ...t.dims] });
  return encodeModel(g, { input: batch(sig.input), output: batch(sig.output), name: 'kiln', docString });
}

function readDoc(files: ModelFiles): TableModelDoc | ImageModelDoc {
  const doc = readJson(files, 'preprocessing.json') as Partial<ModelDoc>;
  if (doc?.kind !== 'table' && doc?.kind !== 'images') {
    throw new KilnError("is not a Kiln preprocessing.json (its kind is neither 'table' nor 'images'); export the model again", { file: 'preprocessing.json' });
  }
  return doc as ModelDoc;
}

function networkFiles(files: ModelFiles): { modelJson: unknown; weights: Uint8Array } {
  const weights = files['weights.bin'];
  if (!weights) throw new KilnError('the model directory has no weights.bin; export the trained model again', { file: 'weights.bin' });
  return { modelJson: readJson(files, 'model.json'), weights };
}

function readJson(files: ModelFiles, name: string): unknown {
  const bytes = files[name];
  if (!bytes) throw new KilnError(`the model directory has no ${name}; export the trained model again`, { file: name });
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new KilnError(`is not valid JSON (${(e as Error).message}); export the model again`, { file: name });
  }
}
