import type { OnnxGraph } from '../graph.ts';
import { numberOption, unsupported, type LayerSpec } from './layer-spec.ts';
import { channelAxis, type LayerConverter, type Value } from './value.ts';

type Emit = (g: OnnxGraph, x: Value) => string;

const unary =
  (opType: string): Emit =>
  (g, x) =>
    g.op(opType, [x.name]);

const scalar = (g: OnnxGraph, v: number) => g.constant('k', [v], []);

// Keyed by the names TF.js writes (camelCase) and Keras writes (snake_case); each emits what TF.js computes.
const activations: Record<string, Emit> = {
  linear: (_g, x) => x.name,
  relu: unary('Relu'),
  relu6: (g, x) => g.op('Clip', [x.name, scalar(g, 0), scalar(g, 6)]),
  sigmoid: unary('Sigmoid'),
  // TF.js: clip(0.2·x + 0.5, 0, 1), which is ONNX's default alpha and beta.
  hardSigmoid: (g, x) => g.op('HardSigmoid', [x.name], { alpha: { f: 0.2 }, beta: { f: 0.5 } }),
  tanh: unary('Tanh'),
  elu: (g, x) => g.op('Elu', [x.name], { alpha: { f: 1 } }),
  // ONNX's default alpha and gamma are TF's SELU constants rounded to float32.
  selu: unary('Selu'),
  softplus: unary('Softplus'),
  softsign: unary('Softsign'),
  swish: (g, x) => g.op('Mul', [x.name, g.op('Sigmoid', [x.name])]),
  mish: (g, x) => g.op('Mul', [x.name, g.op('Tanh', [g.op('Softplus', [x.name])])]),
  // x · ½(1 + erf(x / √2))
  gelu: (g, x) => {
    const cdf = g.op('Mul', [g.op('Add', [g.op('Erf', [g.op('Div', [x.name, scalar(g, Math.SQRT2)])]), scalar(g, 1)]), scalar(g, 0.5)]);
    return g.op('Mul', [x.name, cdf]);
  },
  // Softmax over TF's last axis, wherever the layout put it.
  softmax: (g, x) => g.op('Softmax', [x.name], { axis: { i: channelAxis(x) } }),
  logSoftmax: (g, x) => g.op('LogSoftmax', [x.name], { axis: { i: channelAxis(x) } }),
};
activations.hard_sigmoid = activations.hardSigmoid;
activations.log_softmax = activations.logSoftmax;

/**
 * Applies the activation named in `layer.config[key]` (null or missing means linear).
 *
 * applyActivation(g, x, denseLayer) // → { ...x, name: 'relu_0' } for activation 'relu'
 */
export function applyActivation(g: OnnxGraph, x: Value, layer: LayerSpec, key = 'activation'): Value {
  const name = layer.config[key] ?? 'linear';
  const emit = typeof name === 'string' && Object.hasOwn(activations, name) ? activations[name] : undefined;
  if (!emit) throw unsupported(layer, `with activation ${JSON.stringify(name)}`);
  return { ...x, name: emit(g, x) };
}

/** The Activation layer: its `activation` alone. */
export const activationLayer: LayerConverter = (x, { g, layer }) => applyActivation(g, x, layer);

/** LeakyReLU: TF.js's default alpha is 0.3 (ONNX's is 0.01, so it is always written out). */
export const leakyReluLayer: LayerConverter = (x, { g, layer }) => ({
  ...x,
  name: g.op('LeakyRelu', [x.name], { alpha: { f: numberOption(layer, 'alpha', 0.3) } }),
});
