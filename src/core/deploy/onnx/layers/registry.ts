import { activationLayer, leakyReluLayer } from './activation.ts';
import { batchNormLayer } from './batch-norm.ts';
import { conv2dLayer } from './conv2d.ts';
import { denseLayer } from './dense.ts';
import { flattenLayer } from './flatten.ts';
import { identityLayer } from './identity.ts';
import { averagePooling2dLayer, globalAveragePooling2dLayer, globalMaxPooling2dLayer, maxPooling2dLayer } from './pooling.ts';
import type { LayerConverter } from './value.ts';

/** The one table from a Keras layer class name to its ONNX converter; a class not here does not export. */
export const layerConverters: Readonly<Record<string, LayerConverter>> = {
  InputLayer: identityLayer,
  Dense: denseLayer,
  Activation: activationLayer,
  LeakyReLU: leakyReluLayer,
  Dropout: identityLayer,
  Flatten: flattenLayer,
  Conv2D: conv2dLayer,
  MaxPooling2D: maxPooling2dLayer,
  AveragePooling2D: averagePooling2dLayer,
  GlobalAveragePooling2D: globalAveragePooling2dLayer,
  GlobalMaxPooling2D: globalMaxPooling2dLayer,
  BatchNormalization: batchNormLayer,
};
