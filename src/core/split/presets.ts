import type { SplitPreset } from '../spec/schema.ts';
import type { SplitRatios } from './split.ts';

/** The ratios behind each named preset. */
export const presetRatios: Record<Exclude<SplitPreset, 'custom'>, SplitRatios> = {
  '80/10/10': { train: 0.8, validation: 0.1, test: 0.1 },
  '70/20/10': { train: 0.7, validation: 0.2, test: 0.1 },
  '70/15/15': { train: 0.7, validation: 0.15, test: 0.15 },
};

/**
 * The preset whose ratios these are, or 'custom'. The spec's `preset` is only a hint for the
 * UI; deriving it from the ratios keeps the two from disagreeing.
 *
 * presetFor({ train: 0.8, validation: 0.1, test: 0.1 }) // → '80/10/10'
 */
export function presetFor(ratios: SplitRatios): SplitPreset {
  for (const [name, p] of Object.entries(presetRatios) as [SplitPreset, SplitRatios][]) {
    const same = (['train', 'validation', 'test'] as const).every((s) => Math.abs(p[s] - ratios[s]) < 1e-6);
    if (same) return name;
  }
  return 'custom';
}
