import { KilnError } from '../../../errors.ts';
import { unsupported, type LayerSpec } from './layer-spec.ts';

/** The network as a chain of layers, with the input shape TF.js expects (without the batch). */
export interface LayerChain {
  inputShape: number[];
  layers: LayerSpec[];
}

interface RawLayer {
  class_name?: unknown;
  name?: unknown;
  config?: Record<string, unknown>;
  inbound_nodes?: unknown;
}

const where = { file: 'model.json' };

/**
 * Reads model.json's topology as a chain: a Sequential model as it stands, or a functional
 * 'Model' whose layers each feed exactly the next one. Anything else is a KilnError.
 *
 * readChain(modelJson) // → { inputShape: [4], layers: [{ className: 'Dense', name: 'dense_Dense1', config }, …] }
 */
export function readChain(modelJson: unknown): LayerChain {
  const topology = (modelJson as { modelTopology?: Record<string, unknown> } | null)?.modelTopology;
  // Python Keras exports (tensorflowjs_converter) nest the model under model_config.
  const model = (topology?.model_config ?? topology) as { class_name?: unknown; config?: unknown } | undefined;
  if (!model || typeof model !== 'object') throw new KilnError('model.json has no modelTopology; is it a TF.js layers model?', where);
  const config = model.config as { layers?: unknown } | unknown[] | undefined;
  const raw = (Array.isArray(config) ? config : config?.layers) as RawLayer[] | undefined;
  if (!Array.isArray(raw) || raw.length === 0) throw new KilnError('model.json lists no layers', where);
  const layers = raw.map(toSpec);
  let chain: LayerSpec[];
  if (model.class_name === 'Sequential') chain = layers;
  else if (model.class_name === 'Model' || model.class_name === 'Functional') chain = functionalChain(raw, layers, config as Record<string, unknown>);
  else throw new KilnError(`ONNX export reads Sequential models and chains of layers, not '${String(model.class_name)}'`, where);
  return { inputShape: inputShape(chain[0]), layers: chain };
}

function toSpec(raw: RawLayer): LayerSpec {
  const config = raw?.config && typeof raw.config === 'object' ? raw.config : {};
  const name = typeof config.name === 'string' ? config.name : typeof raw?.name === 'string' ? raw.name : '';
  if (typeof raw?.class_name !== 'string' || !name) throw new KilnError(`model.json has a layer without class_name or name: ${JSON.stringify(raw).slice(0, 80)}`, where);
  return { className: raw.class_name, name, config };
}

function inputShape(first: LayerSpec): number[] {
  const shape = first.config.batch_input_shape ?? first.config.batch_shape;
  const dims = Array.isArray(shape) ? shape.slice(1) : [];
  if (dims.length === 0 || !dims.every((d) => Number.isInteger(d) && d > 0)) {
    throw new KilnError(`the first layer '${first.name}' has no fixed input shape (${JSON.stringify(shape)}); ONNX export needs every size but the batch`, where);
  }
  return dims as number[];
}

/** Follows a functional model from its one input to its one output, refusing branches and merges. */
function functionalChain(raw: RawLayer[], layers: LayerSpec[], config: Record<string, unknown>): LayerSpec[] {
  const ends = (key: string) => (Array.isArray(config[key]) ? (config[key] as unknown[][]).map((e) => String(e?.[0])) : []);
  const [inputs, outputs] = [ends('input_layers'), ends('output_layers')];
  if (inputs.length !== 1 || outputs.length !== 1) {
    throw new KilnError(`ONNX export needs one input and one output; this model has ${inputs.length} and ${outputs.length}`, where);
  }
  // Each layer's single source: the layer feeding its only inbound node.
  const source = new Map<string, string | null>();
  raw.forEach((r, i) => source.set(layers[i].name, inboundSource(r.inbound_nodes, layers[i])));
  const chain: LayerSpec[] = [];
  let current = layers.find((l) => l.name === inputs[0]);
  while (current) {
    chain.push(current);
    if (current.name === outputs[0]) break;
    const name: string = current.name;
    const next = layers.filter((l) => source.get(l.name) === name);
    if (next.length > 1) throw unsupported(current, `feeding ${next.length} layers (${next.map((l) => l.name).join(', ')}); only simple chains export`);
    current = next[0];
  }
  if (chain.at(-1)?.name !== outputs[0]) throw new KilnError(`model.json: no chain of layers leads from '${inputs[0]}' to '${outputs[0]}'`, where);
  const unused = layers.filter((l) => !chain.includes(l));
  if (unused.length > 0) throw unsupported(unused[0], 'outside the chain from input to output');
  return chain;
}

function inboundSource(nodes: unknown, layer: LayerSpec): string | null {
  if (!Array.isArray(nodes) || nodes.length === 0) return null;
  if (nodes.length > 1) throw unsupported(layer, `called ${nodes.length} times (shared layers do not export)`);
  const tensors = nodes[0];
  if (!Array.isArray(tensors) || tensors.length !== 1) throw unsupported(layer, 'with several inputs');
  const [name, nodeIndex, tensorIndex] = tensors[0] as unknown[];
  if (typeof name !== 'string' || nodeIndex !== 0 || tensorIndex !== 0) throw unsupported(layer, `with input ${JSON.stringify(tensors[0])}`);
  return name;
}
