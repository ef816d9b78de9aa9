/** The nine lifecycle stages, in order; ids match the folders under src/core, src/ui and workers. */
export const stages = [
  { id: 'goal', title: 'Goal', blurb: 'State the objective and the metric to hit' },
  { id: 'collect', title: 'Collect', blurb: 'Load a CSV or a bundled sample' },
  { id: 'prepare', title: 'Prepare', blurb: 'Profile columns; see how they are encoded' },
  { id: 'augment', title: 'Augment', blurb: 'Image augmentation on the GPU' },
  { id: 'split', title: 'Split', blurb: 'Train, validation and test sets' },
  { id: 'train', title: 'Train', blurb: 'Fit a model with live curves' },
  { id: 'evaluate', title: 'Evaluate', blurb: 'Metrics and confusion matrix' },
  { id: 'deploy', title: 'Deploy', blurb: 'Predict, batch-score and export' },
  { id: 'monitor', title: 'Monitor', blurb: 'Drift and retraining' },
] as const;

export type StageId = (typeof stages)[number]['id'];
