import type { Layer, LayerType } from './layers-schema.ts';

/** What "Add layer" inserts for each type: common, small choices the user then adjusts. */
export function defaultLayer(type: LayerType): Layer {
  switch (type) {
    case 'dense':
      return { type, units: 32, activation: 'relu' };
    case 'conv2d':
      return { type, filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' };
    case 'maxPool':
    case 'avgPool':
      return { type, poolSize: 2 };
    case 'dropout':
      return { type, rate: 0.25 };
    default:
      return { type };
  }
}

/**
 * A copy of `layers` with the layer at `from` moved by `delta` places; unchanged at either end.
 *
 * moveLayer([a, b, c], 2, -1) // → [a, c, b]
 */
export function moveLayer(layers: readonly Layer[], from: number, delta: -1 | 1): Layer[] {
  const to = from + delta;
  const next = [...layers];
  if (from < 0 || from >= layers.length || to < 0 || to >= layers.length) return next;
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/** Human names for the layer types, as the builder's menu shows them. */
export const layerTypeLabels: Record<LayerType, string> = {
  dense: 'Dense',
  conv2d: 'Conv2D',
  maxPool: 'MaxPool',
  avgPool: 'AvgPool',
  dropout: 'Dropout',
  batchNorm: 'BatchNorm',
  flatten: 'Flatten',
  globalAvgPool: 'GlobalAvgPool',
};
