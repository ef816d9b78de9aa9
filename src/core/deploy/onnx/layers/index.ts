import { KilnError } from '../../../errors.ts';
import type { OnnxGraph } from '../graph.ts';
import { unsupported, type LayerSpec } from './layer-spec.ts';
import { layerConverters } from './registry.ts';
import { readChain } from './topology.ts';
import { toNhwc, type LayerContext, type Value } from './value.ts';
import { readWeights, type Weight } from './weights.ts';

export { readWeights, type Weight } from './weights.ts';
export { layerConverters } from './registry.ts';

/** The two files of a TF.js layers model: model.json already parsed, and weights.bin. */
export interface LayersModelFiles {
  modelJson: unknown;
  weights: Uint8Array;
}

/**
 * Appends the network in `files` to `g`, reading from the existing value `input` shaped as
 * TF.js takes it ([batch, features], or [batch, H, W, C] for images), and returns the output
 * value and its shape without the batch. Unsupported layers and options are KilnErrors.
 *
 * convertNetwork(g, { modelJson, weights }, 'pixels') // → { output: 'softmax_0', outputDims: [10] }
 */
export function convertNetwork(g: OnnxGraph, files: LayersModelFiles, input: string): { output: string; outputDims: number[] } {
  const { inputShape, layers } = readChain(files.modelJson);
  const weights = readWeights(files.modelJson, files.weights);
  let x: Value = { name: input, shape: inputShape, layout: 'nhwc' };
  for (const layer of layers) {
    const convert = Object.hasOwn(layerConverters, layer.className) ? layerConverters[layer.className] : undefined;
    if (!convert) throw unsupported(layer);
    const format = layer.config.data_format;
    if (format !== undefined && format !== null && format !== 'channels_last' && format !== 'channelsLast') {
      throw unsupported(layer, `with data_format '${String(format)}' (only channels_last exports)`);
    }
    x = convert(x, context(g, layer, weights));
  }
  // The caller sees TF's layout: a network ending on an image value hands it back as NHWC.
  x = toNhwc(g, x);
  // A network of pass-through layers still gets a node, so the output is never the input's name.
  const output = x.name === input ? g.op('Identity', [input]) : x.name;
  return { output, outputDims: x.shape };
}

function context(g: OnnxGraph, layer: LayerSpec, weights: Map<string, Weight>): LayerContext {
  const optionalWeight = (key: string) => weights.get(`${layer.name}/${key}`);
  const weight = (key: string) => {
    const w = optionalWeight(key);
    if (!w) throw new KilnError(`layer '${layer.name}' (${layer.className}) has no weight '${layer.name}/${key}' in the manifest; export the model again`, { file: 'model.json' });
    return w;
  };
  return { g, layer, weight, optionalWeight };
}
