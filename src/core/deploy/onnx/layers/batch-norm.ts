import { numberOption, unsupported } from './layer-spec.ts';
import { toNchw, type LayerConverter, type Value } from './value.ts';

/**
 * BatchNormalization at inference: (x - moving_mean) / sqrt(moving_variance + epsilon) · gamma + beta
 * over the channel axis, as ONNX BatchNormalization on [N, C] or NCHW. epsilon is always written:
 * TF.js defaults to 1e-3 and ONNX to 1e-5. gamma (beta) is absent when scale (center) is off.
 */
export const batchNormLayer: LayerConverter = (input, ctx) => {
  const { g, layer } = ctx;
  const rank = input.shape.length + 1;
  const axes = [layer.config.axis ?? -1].flat();
  if (axes.length !== 1 || (axes[0] !== -1 && axes[0] !== rank - 1)) throw unsupported(layer, `with axis ${JSON.stringify(layer.config.axis)} (only the last axis exports)`);
  if (rank !== 2 && rank !== 4) throw unsupported(layer, `on input [${input.shape}] (it needs [features] or [height, width, channels])`);
  const x: Value = rank === 4 ? toNchw(g, input) : input;
  const channels = input.shape.at(-1)!;
  const param = (key: string, fill: number) => {
    const w = key === 'gamma' || key === 'beta' ? ctx.optionalWeight(key) : ctx.weight(key);
    if (w && w.values.length !== channels) throw unsupported(layer, `with ${key} of shape [${w.shape}] for ${channels} channels`);
    return g.constant(`${layer.name}_${key}`, w?.values ?? new Float32Array(channels).fill(fill), [channels]);
  };
  const inputs = [x.name, param('gamma', 1), param('beta', 0), param('moving_mean', 0), param('moving_variance', 1)];
  const epsilon = numberOption(layer, 'epsilon', 1e-3);
  return { ...x, name: g.op('BatchNormalization', inputs, { epsilon: { f: epsilon } }) };
};
