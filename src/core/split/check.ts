import type { SplitSpec, TrainSpec } from '../spec/schema.ts';
import type { SpecIssue } from '../spec/validate.ts';

/**
 * Problems that only show when the split and training settings are read together; the schema
 * checks each section alone. An empty list means they fit.
 *
 * checkSplitAgainstTraining({ …split, validation: 0 }, { …train, patience: 5 })
 * // → [{ path: 'split.validation', message: 'must be more than 0 while early stopping is on …' }]
 */
export function checkSplitAgainstTraining(
  split: Pick<SplitSpec, 'validation'>,
  train: Pick<TrainSpec, 'patience'>,
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  // Early stopping watches validation loss; with no validation rows it would never fire.
  if (train.patience > 0 && split.validation <= 0) {
    issues.push({
      path: 'split.validation',
      message:
        `must be more than 0 while early stopping is on (train.patience is ${train.patience}); ` +
        'give validation a share such as 0.15, or set train.patience to 0',
    });
  }
  return issues;
}
