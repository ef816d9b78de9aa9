import type { Layer, LayerType } from './layers-schema.ts';

/** The layer the task adds last: softmax over the classes, or one linear unit for a value. */
export interface OutputLayer {
  units: number;
  activation: 'softmax' | 'linear';
}

/** One row of the shape table: a hidden layer, or one Kiln added (`index` null). */
export interface StackRow {
  /** Position in the listed layers; null for the flatten and output layers added automatically. */
  index: number | null;
  type: LayerType | 'output';
  /** Short description, e.g. "conv2d 16 · 3×3 same, relu". */
  label: string;
  /** Output shape without the batch axis: [units] or [H, W, C]. */
  shape: number[];
  params: number;
  trainable: number;
}

/** Why a stack cannot be built: the layer's spec path and a sentence saying what to change. */
export interface StackIssue {
  /** e.g. `model.layers[2]` */
  path: string;
  /** The listed layer at fault; null for the output or the preset as a whole. */
  index: number | null;
  /** The sentence without the path, e.g. "(conv2d) needs an image input [H, W, C] but gets [64]; put it before flatten". */
  detail: string;
  /** Path and detail together, as the page shows it. */
  message: string;
}

/** Every layer's output shape and parameter count, the totals, and the first problem (rows stop there). */
export interface StackSummary {
  input: number[];
  rows: StackRow[];
  params: number;
  trainable: number;
  issue: StackIssue | null;
}

/** Names the layer at `i` in messages; presets say which preset the layer came from. */
export type LayerPath = (i: number) => string;

const listed: LayerPath = (i) => `model.layers[${i}]`;

/**
 * Walks the stack from the input shape: each layer's output shape and parameters (as TF.js
 * counts them), an automatic flatten when an image reaches the output, and the output layer.
 * Stops at the first layer that cannot take its input, explaining it; nothing here throws.
 *
 * inferStack([28, 28, 1], [{ type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }, { type: 'flatten' }], { units: 10, activation: 'softmax' })
 * // → rows: conv2d [28, 28, 8] 80 params · flatten [6272] · output [10] 62730; params 62810; issue null
 */
export function inferStack(input: readonly number[], layers: readonly Layer[], output: OutputLayer, path: LayerPath = listed): StackSummary {
  const rows: StackRow[] = [];
  let shape = [...input];
  const done = (issue: StackIssue | null): StackSummary => ({
    input: [...input],
    rows,
    params: rows.reduce((a, r) => a + r.params, 0),
    trainable: rows.reduce((a, r) => a + r.trainable, 0),
    issue,
  });
  for (const [i, layer] of layers.entries()) {
    // What made the image flat, so a layer that needs an image can say to move before it.
    const flatBy = input.length === 1 ? null : (layers.slice(0, i).filter(flattens).at(-1)?.type ?? 'flatten');
    const step = layerOutput(layer, shape, flatBy);
    if (typeof step === 'string') return done(issueAt(path(i), i, layer.type, step));
    rows.push({ index: i, type: layer.type, label: describeLayer(layer), ...step });
    shape = step.shape;
  }
  if (shape.length === 3) {
    shape = [size(shape)];
    rows.push({ index: null, type: 'flatten', label: 'flatten (added: the output takes a flat input)', shape, params: 0, trainable: 0 });
  }
  if (output.units < 1) return done(issueAt('model', null, 'output', `has ${output.units} units; the task needs at least 1 (are there classes to predict?)`));
  const params = shape[0] * output.units + output.units;
  const label = `dense ${output.units}, ${output.activation} (added: ${output.activation === 'softmax' ? `one per class` : 'the predicted value'})`;
  rows.push({ index: null, type: 'output', label, shape: [output.units], params, trainable: params });
  return done(null);
}

function issueAt(path: string, index: number | null, type: string, what: string): StackIssue {
  const detail = `(${type}) ${what}`;
  return { path, index, detail, message: `${path} ${detail}` };
}

const flattens = (l: Layer) => l.type === 'flatten' || l.type === 'globalAvgPool';
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

type Step = { shape: number[]; params: number; trainable: number } | string;

/** One layer's output, or why it cannot take `shape`; `flatBy` is the layer that flattened the image (null for a table). */
function layerOutput(layer: Layer, shape: number[], flatBy: string | null): Step {
  const plain = (s: number[], params = 0): Step => ({ shape: s, params, trainable: params });
  const needsImage = () =>
    flatBy === null
      ? `needs an image input [H, W, C] but gets ${fmt(shape)}, and this data is a table; remove it`
      : `needs an image input [H, W, C] but gets ${fmt(shape)}; put it before ${flatBy}`;
  switch (layer.type) {
    case 'dense': {
      if (shape.length !== 1) return `gets the image ${fmt(shape)}; add flatten or globalAvgPool before it`;
      return plain([layer.units], shape[0] * layer.units + layer.units);
    }
    case 'conv2d': {
      if (shape.length !== 3) return needsImage();
      const [h, w, c] = shape;
      const k = layer.kernelSize;
      const s = layer.strides ?? 1;
      if (layer.padding === 'valid' && (h < k || w < k)) {
        return `has a ${k}×${k} kernel but the image is ${h}×${w} here; use padding 'same' or a smaller kernel`;
      }
      const side = (n: number) => (layer.padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1);
      return plain([side(h), side(w), layer.filters], k * k * c * layer.filters + layer.filters);
    }
    case 'maxPool':
    case 'avgPool': {
      if (shape.length !== 3) return needsImage();
      const [h, w, c] = shape;
      const p = layer.poolSize;
      if (h < p || w < p) {
        return `shrinks the ${h}×${w} image to 0×0 with a ${p}×${p} pool; use a smaller pool, fewer pooling layers or larger images`;
      }
      const s = layer.strides ?? p;
      const side = (n: number) => Math.floor((n - p) / s) + 1;
      return plain([side(h), side(w), c]);
    }
    case 'globalAvgPool':
      return shape.length === 3 ? plain([shape[2]]) : needsImage();
    case 'flatten':
      return shape.length === 3 ? plain([size(shape)]) : `gets ${fmt(shape)}, which is already flat; remove it`;
    case 'dropout':
      return plain(shape);
    case 'batchNorm': {
      // gamma and beta learn; the moving mean and variance are tracked, not trained.
      const c = shape[shape.length - 1];
      return { shape, params: 4 * c, trainable: 2 * c };
    }
  }
}

/**
 * A layer in a few words, as the builder's table shows it.
 *
 * describeLayer({ type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }) // → "conv2d 16 · 3×3 same, relu"
 */
export function describeLayer(layer: Layer): string {
  switch (layer.type) {
    case 'dense':
      return `dense ${layer.units}, ${layer.activation}`;
    case 'conv2d': {
      const k = layer.kernelSize;
      const stride = layer.strides && layer.strides > 1 ? ` stride ${layer.strides}` : '';
      return `conv2d ${layer.filters} · ${k}×${k}${stride} ${layer.padding}, ${layer.activation}`;
    }
    case 'maxPool':
    case 'avgPool': {
      const stride = layer.strides !== undefined && layer.strides !== layer.poolSize ? ` stride ${layer.strides}` : '';
      return `${layer.type} ${layer.poolSize}×${layer.poolSize}${stride}`;
    }
    case 'dropout':
      return `dropout ${layer.rate}`;
    default:
      return layer.type;
  }
}
