import { toNhwc, type LayerConverter } from './value.ts';

/**
 * Flatten: TF flattens in NHWC order, so an NCHW value goes back to NHWC first (flattening
 * NCHW directly would silently scramble the features the next Dense layer was trained on).
 */
export const flattenLayer: LayerConverter = (input, { g }) => {
  if (input.shape.length === 1) return input;
  const x = toNhwc(g, input);
  const size = x.shape.reduce((a, b) => a * b, 1);
  return { name: g.op('Flatten', [x.name], { axis: { i: 1 } }), shape: [size], layout: 'nhwc' };
};
