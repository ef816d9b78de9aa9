import type { LayerConverter } from './value.ts';

/** InputLayer and Dropout: nothing to compute at inference, so the value passes through unchanged. */
export const identityLayer: LayerConverter = (x) => x;
