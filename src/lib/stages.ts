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

/** What the page knows that decides which stages are done (plain values, so this stays testable). */
export interface StageFacts {
  /** The goal names an objective or a target. */
  goalSet: boolean;
  data: 'none' | 'table' | 'images';
  /** A training run finished and its model is in the worker. */
  trained: boolean;
  /** Stages opened since this data was loaded. */
  seen: ReadonlySet<StageId>;
}

/** done: its work is there; skipped: it does not apply to this data (Augment for a table); todo: the rest. */
export type StageMark = 'done' | 'skipped' | 'todo';

/**
 * Marks each stage. Stages that only show or check something (Prepare, Split, Evaluate, Deploy,
 * Monitor) count as done once opened with what they need, since looking is their work.
 *
 * stageMarks({ goalSet: false, data: 'table', trained: false, seen: new Set(['prepare']) })
 * // → { goal: 'todo', collect: 'done', prepare: 'done', augment: 'skipped', split: 'todo', … }
 */
export function stageMarks(facts: StageFacts): Record<StageId, StageMark> {
  const loaded = facts.data !== 'none';
  const looked = (id: StageId, ready: boolean): StageMark => (ready && facts.seen.has(id) ? 'done' : 'todo');
  return {
    goal: facts.goalSet ? 'done' : 'todo',
    collect: loaded ? 'done' : 'todo',
    prepare: looked('prepare', loaded),
    augment: facts.data === 'table' ? 'skipped' : looked('augment', facts.data === 'images'),
    split: loaded && (facts.trained || facts.seen.has('split')) ? 'done' : 'todo',
    train: facts.trained ? 'done' : 'todo',
    evaluate: looked('evaluate', facts.trained),
    deploy: looked('deploy', facts.trained),
    monitor: looked('monitor', facts.trained),
  };
}

/** Words a screen reader hears after the stage's name, so the marks do not rest on colour or a glyph. */
export const markWords: Record<StageMark, string> = { done: 'done', skipped: 'not needed for tables', todo: '' };
