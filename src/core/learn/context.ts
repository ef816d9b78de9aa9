/** The nine lifecycle stages Learn mode explains, in order (the same ids as src/lib/stages.ts). */
export const learnStages = ['goal', 'collect', 'prepare', 'augment', 'split', 'train', 'evaluate', 'deploy', 'monitor'] as const;

/** One of `learnStages`. */
export type LearnStage = (typeof learnStages)[number];

/**
 * What is loaded and chosen, as the intros' examples need it: plain numbers and names the page
 * gathers from its state. `data` is null when nothing is loaded (the intros then speak generally).
 */
export interface LearnContext {
  data: {
    /** File or set name as the user knows it, e.g. "iris.csv". */
    name: string;
    kind: 'table' | 'images';
    /** Rows or images. */
    count: number;
    /** The label column, e.g. "species". */
    label: string;
    /** Class names with their counts, for classification; empty for regression. */
    classes: { name: string; count: number }[];
    /** Input columns (tables) besides the label; images: 0. */
    features: number;
    /** Input columns with at least one blank cell, and text (category) columns, for tables. */
    withMissing: number;
    categorical: number;
    /** Image size, for image sets. */
    image?: { width: number; height: number; channels: number };
  } | null;
  /** Split sizes: exact once a run has split the data (`exact`), else estimated from the ratios. */
  split: { train: number; validation: number; test: number; exact: boolean } | null;
  goal: { metric: string; target?: number; objective: string };
  train: { epochs: number; batchSize: number; learningRate: number };
  /** The trained model's test score on the goal's metric, once there is one. */
  score: number | null;
}

/**
 * Split sizes from the ratios, rounded as a person would estimate them (the real split rounds
 * per class, so it can differ by a few).
 *
 * estimateSplit(150, { train: 0.7, validation: 0.15, test: 0.15 }) // → { train: 105, validation: 23, test: 22, exact: false }
 */
export function estimateSplit(count: number, ratios: { train: number; validation: number; test: number }): NonNullable<LearnContext['split']> {
  const sum = ratios.train + ratios.validation + ratios.test || 1;
  const test = Math.floor((count * ratios.test) / sum);
  const validation = Math.round((count * ratios.validation) / sum);
  return { train: Math.max(0, count - test - validation), validation, test, exact: false };
}
