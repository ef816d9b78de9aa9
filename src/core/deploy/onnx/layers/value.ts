import type { OnnxGraph } from '../graph.ts';
import type { LayerSpec } from './layer-spec.ts';
import type { Weight } from './weights.ts';

/**
 * A tensor passed between layer converters. `shape` is always TF's shape without the batch
 * dimension ([H, W, C] for images); `layout` says how the ONNX tensor really holds it, because
 * ONNX convolutions want NCHW and we only transpose when a layer needs the other order.
 */
export interface Value {
  name: string;
  shape: number[];
  /** Only images ([H, W, C]) may be 'nchw'; everything else is in TF order. */
  layout: 'nhwc' | 'nchw';
}

/** What a converter gets besides its input: the graph, its layer, and its weights by key. */
export interface LayerContext {
  g: OnnxGraph;
  layer: LayerSpec;
  /** The weight `<layer name>/<key>`; a KilnError when model.json lacks it. */
  weight(key: string): Weight;
  /** The weight `<layer name>/<key>`, or undefined (gamma/beta when scale/center are off). */
  optionalWeight(key: string): Weight | undefined;
}

/** Emits the ONNX nodes for one layer and returns its output. */
export type LayerConverter = (x: Value, ctx: LayerContext) => Value;

/** `x` laid out as NCHW for Conv/Pool, transposing only when it is NHWC now. */
export function toNchw(g: OnnxGraph, x: Value): Value {
  if (x.shape.length !== 3) throw new Error(`toNchw needs an image value, got shape [${x.shape}]`);
  if (x.layout === 'nchw') return x;
  return { ...x, name: g.op('Transpose', [x.name], { perm: { ints: [0, 3, 1, 2] } }), layout: 'nchw' };
}

/** `x` in TF's own order, transposing back from NCHW when needed (Flatten, Dense). */
export function toNhwc(g: OnnxGraph, x: Value): Value {
  if (x.layout === 'nhwc') return x;
  return { ...x, name: g.op('Transpose', [x.name], { perm: { ints: [0, 2, 3, 1] } }), layout: 'nhwc' };
}

/** The ONNX axis holding TF's last (channel) axis: 1 in NCHW, -1 otherwise. */
export function channelAxis(x: Value): number {
  return x.layout === 'nchw' ? 1 : -1;
}
