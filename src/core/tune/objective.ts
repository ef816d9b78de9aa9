import { KilnError } from '../errors.ts';
import type { TaskKind } from '../spec/schema.ts';
import type { TrainResult } from '../train/protocol.ts';
import type { ObjectiveMetric, ObjectiveName } from './schema.ts';

const classificationOnly: ReadonlySet<ObjectiveMetric> = new Set(['accuracy', 'f1Macro', 'precisionMacro', 'recallMacro']);
const regressionOnly: ReadonlySet<ObjectiveMetric> = new Set(['rmse', 'mae', 'r2']);

/** The metric part of an objective: 'validation.f1Macro' → 'f1Macro'. */
export function objectiveMetric(objective: ObjectiveName): ObjectiveMetric {
  return objective.slice('validation.'.length) as ObjectiveMetric;
}

/**
 * Refuses an objective the task cannot report (e.g. rmse for classification), naming tuning.objective.
 *
 * checkObjective('validation.rmse', 'classification') // throws "tuning.objective: validation.rmse is a regression metric; …"
 */
export function checkObjective(objective: ObjectiveName, task: TaskKind): void {
  const metric = objectiveMetric(objective);
  const other = task === 'classification' ? regressionOnly : classificationOnly;
  if (!other.has(metric)) return;
  const fits = task === 'classification' ? ['accuracy', 'f1Macro', 'precisionMacro', 'recallMacro', 'loss'] : ['rmse', 'mae', 'r2', 'loss'];
  const kind = task === 'classification' ? 'regression' : 'classification';
  const choices = fits.map((m) => `validation.${m}`).join(', ');
  throw new KilnError(`${objective} is a ${kind} metric but this task is ${task}: use one of ${choices}`, { path: 'tuning.objective' });
}

/**
 * The objective a run scored on its validation split. `loss` is the last epoch's validation loss
 * (the loss of the model as returned, as the other metrics are); NaN when training diverged.
 *
 * objectiveValue(result, 'validation.accuracy') // → 0.9545…
 */
export function objectiveValue(result: TrainResult, objective: ObjectiveName): number {
  const metric = objectiveMetric(objective);
  if (!result.validation) throw new KilnError('is 0, so there is nothing to score a trial on: give the validation split a share, e.g. 0.15', { path: 'split.validation' });
  if (metric === 'loss') return result.history.at(-1)?.valLoss ?? Number.NaN;
  checkObjective(objective, result.task);
  const metrics = result.validation.metrics as unknown as Record<string, number>;
  return metrics[metric];
}
