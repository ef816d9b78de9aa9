import { pairOption, unsupported } from './layer-spec.ts';
import { window2d } from './padding.ts';
import { toNchw, type LayerConverter } from './value.ts';

/** MaxPooling2D → MaxPool (NCHW); TF ignores 'same' padding cells, as ONNX MaxPool does. */
export const maxPooling2dLayer = pool('MaxPool', {});

/** AveragePooling2D → AveragePool; TF averages over real cells only, hence count_include_pad 0. */
export const averagePooling2dLayer = pool('AveragePool', { count_include_pad: { i: 0 } });

/** GlobalAveragePooling2D → ReduceMean over H and W, in whichever layout the value is in. */
export const globalAveragePooling2dLayer = globalPool('ReduceMean');

/** GlobalMaxPooling2D → ReduceMax over H and W. */
export const globalMaxPooling2dLayer = globalPool('ReduceMax');

function pool(opType: string, extra: Record<string, { i: number }>): LayerConverter {
  return (input, { g, layer }) => {
    if (input.shape.length !== 3) throw unsupported(layer, `on input [${input.shape}] (it needs [height, width, channels])`);
    const x = toNchw(g, input);
    const size = pairOption(layer, 'pool_size', [2, 2]);
    // Keras: strides default to the pool size.
    const strides = pairOption(layer, 'strides', size);
    const { attrs, out } = window2d(layer, x.shape, size, strides);
    return { name: g.op(opType, [x.name], { ...attrs, ...extra }), shape: [...out, x.shape[2]], layout: 'nchw' };
  };
}

function globalPool(opType: string): LayerConverter {
  return (x, { g, layer }) => {
    if (x.shape.length !== 3) throw unsupported(layer, `on input [${x.shape}] (it needs [height, width, channels])`);
    if (layer.config.keepdims === true) throw unsupported(layer, 'with keepdims');
    // Opset 13 reductions take axes as an attribute (opset 18 moved them to an input).
    const axes = x.layout === 'nchw' ? [2, 3] : [1, 2];
    return { name: g.op(opType, [x.name], { axes: { ints: axes }, keepdims: { i: 0 } }), shape: [x.shape[2]], layout: 'nhwc' };
  };
}
