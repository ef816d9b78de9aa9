import { applyActivation } from './activation.ts';
import { pairOption, unsupported } from './layer-spec.ts';
import { window2d } from './padding.ts';
import { toNchw, type LayerConverter } from './value.ts';
import type { Weight } from './weights.ts';

/**
 * Conv2D as ONNX Conv (NCHW): the kernel is permuted from TF's [kh, kw, in, out] to ONNX's
 * [out, in, kh, kw]; the output stays NCHW so a run of conv and pool layers needs no transposes.
 */
export const conv2dLayer: LayerConverter = (input, ctx) => {
  const { g, layer } = ctx;
  if ((layer.config.groups ?? 1) !== 1) throw unsupported(layer, `with groups = ${JSON.stringify(layer.config.groups)}`);
  const x = toNchw(g, input);
  const kernel = ctx.weight('kernel');
  const [kh, kw, cin, cout] = kernel.shape;
  if (kernel.shape.length !== 4 || cin !== x.shape[2]) throw unsupported(layer, `with kernel [${kernel.shape}] on input [${x.shape}]`);
  const strides = pairOption(layer, 'strides', [1, 1]);
  const dilations = pairOption(layer, 'dilation_rate', [1, 1]);
  const { attrs, out } = window2d(layer, x.shape, [kh, kw], strides, dilations);
  const inputs = [x.name, g.constant(`${layer.name}_kernel`, toOihw(kernel), [cout, cin, kh, kw])];
  if (layer.config.use_bias !== false) {
    const bias = ctx.weight('bias');
    inputs.push(g.constant(`${layer.name}_bias`, bias.values, bias.shape));
  }
  const y = g.op('Conv', inputs, { ...attrs, dilations: { ints: dilations }, group: { i: 1 } });
  return applyActivation(g, { name: y, shape: [...out, cout], layout: 'nchw' }, layer);
};

/** [kh, kw, in, out] (TF) → [out, in, kh, kw] (ONNX), both row-major. */
function toOihw({ values, shape: [kh, kw, cin, cout] }: Weight): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) out[((o * cin + i) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o];
  return out;
}
