import type { SplitSpec, TrainSpec } from '../spec/schema.ts';

/**
 * What the split means for training that the user should know, read with the training settings;
 * null when nothing. Early stopping watches the validation split, so with none it is off (the
 * default spec turns it on, so this is a note, not an error).
 *
 * earlyStoppingNote({ …split, validation: 0 }, { …train, patience: 10 })
 * // → 'early stopping (train.patience 10) is off: it watches the validation split, which is empty; …'
 */
export function earlyStoppingNote(split: Pick<SplitSpec, 'validation'>, train: Pick<TrainSpec, 'patience'>): string | null {
  if (train.patience <= 0 || split.validation > 0) return null;
  return (
    `early stopping (train.patience ${train.patience}) is off: it watches the validation split, which is empty; ` +
    'every epoch runs and the last one is kept. Give validation a share such as 0.15 to use it'
  );
}
