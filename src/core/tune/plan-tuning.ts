import type { ImageSet } from '../collect/image-set.ts';
import { findColumn, type Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import { detectTask } from '../prepare/task.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';
import { formatSpecIssues, validateSpec } from '../spec/validate.ts';
import { applyHyperparameters } from './apply.ts';
import { defaultSpace } from './default-space.ts';
import { checkObjective } from './objective.ts';
import { objectiveDirection, type Direction, type Point, type SearchSpace, type TuningSpec } from './schema.ts';
import type { Trial } from './tuner.ts';

/** Everything a tuning job decides before its first trial. */
export interface TuningPlan {
  tuning: TuningSpec;
  space: SearchSpace;
  direction: Direction;
  /** Seed of the strategy's draws: `tuning.seed`, else the spec's. */
  seed: number;
  task: TaskKind;
  /** The spec each trial starts from: no `tuning`, and no k-fold (trials are scored on validation only). */
  base: PipelineSpec;
}

/**
 * Checks a spec can be tuned on `data` and settles the space, direction and seed. Refuses, naming
 * the spec path, what would fail every trial: no tuning section, no validation split, an
 * objective the task cannot report, a space path the spec does not have.
 *
 * planTuning({ …, tuning: { strategy: 'random', maxTrials: 3 } }, iris).space // → defaultSpace('table', 'classification')
 */
export function planTuning(spec: PipelineSpec, data: Table | ImageSet): TuningPlan {
  const tuning = spec.tuning;
  if (!tuning) throw new KilnError('is missing: add e.g. { "strategy": "random", "maxTrials": 10 } to tune', { path: 'tuning' });
  if (spec.split.validation <= 0) {
    throw new KilnError('is 0, but tuning compares trials on the validation split: give it a share, e.g. 0.15', { path: 'split.validation' });
  }
  const kind = 'columns' in data ? 'table' : 'images';
  const task = 'columns' in data ? tableTask(spec, data) : 'classification';
  checkObjective(tuning.objective, task);
  const space = tuning.space ?? defaultSpace(kind, task);
  const { tuning: _, ...rest } = spec;
  const base: PipelineSpec = { ...rest, split: { ...spec.split, folds: undefined } };
  // A path the spec lacks fails every trial alike: refuse it once, before anything trains.
  applyHyperparameters(base, firstPoint(space));
  return { tuning, space, direction: objectiveDirection(tuning.objective, tuning.direction), seed: tuning.seed ?? spec.seed, task, base };
}

/**
 * The spec one trial trains: the base with the trial's hyperparameters (and Hyperband's epochs),
 * checked as a pipeline spec. An invalid combination is a message, so the trial fails, not the job.
 */
export function trialSpec(base: PipelineSpec, trial: Pick<Trial, 'hyperparameters' | 'epochs'>): { ok: true; spec: PipelineSpec } | { ok: false; message: string } {
  let applied: PipelineSpec;
  try {
    applied = applyHyperparameters(base, trial.hyperparameters);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  if (trial.epochs !== undefined) applied.train = { ...applied.train, epochs: trial.epochs };
  const checked = validateSpec(applied);
  return checked.ok ? checked : { ok: false, message: formatSpecIssues(checked.issues).replaceAll('\n', '; ') };
}

function tableTask(spec: PipelineSpec, table: Table): TaskKind {
  if (spec.task !== 'auto') return spec.task;
  const label = findColumn(table, spec.data.label);
  if (!label) {
    const names = table.columns.map((c) => c.name).join(', ');
    throw new KilnError(`label column '${spec.data.label}' not found; columns are ${names}`, { file: table.source, path: 'data.label' });
  }
  return detectTask(label);
}

/** Any one value per range, to check that every path exists. */
function firstPoint(space: SearchSpace): Point {
  return Object.fromEntries(Object.entries(space).map(([path, r]) => [path, r.type === 'categorical' ? r.values[0] : r.min]));
}
