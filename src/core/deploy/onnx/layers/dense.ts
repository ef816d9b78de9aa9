import { applyActivation } from './activation.ts';
import { unsupported } from './layer-spec.ts';
import { toNhwc, type LayerConverter } from './value.ts';

/**
 * Dense: x·kernel + bias over TF's last axis, then the activation. TF.js stores the kernel as
 * [in, out], which is what ONNX MatMul wants; MatMul also broadcasts over any leading axes.
 */
export const denseLayer: LayerConverter = (input, ctx) => {
  const { g, layer } = ctx;
  const x = toNhwc(g, input);
  const kernel = ctx.weight('kernel');
  if (kernel.shape.length !== 2 || kernel.shape[0] !== x.shape.at(-1)) {
    throw unsupported(layer, `with kernel [${kernel.shape}] on input [${x.shape}]`);
  }
  let y = g.op('MatMul', [x.name, g.constant(`${layer.name}_kernel`, kernel.values, kernel.shape)]);
  if (layer.config.use_bias !== false) {
    const bias = ctx.weight('bias');
    y = g.op('Add', [y, g.constant(`${layer.name}_bias`, bias.values, bias.shape)]);
  }
  const shape = [...x.shape.slice(0, -1), kernel.shape[1]];
  return applyActivation(g, { name: y, shape, layout: 'nhwc' }, layer);
};
