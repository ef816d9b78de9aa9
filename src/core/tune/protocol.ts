import type { TrainEvent, TrainResult } from '../train/protocol.ts';
import type { Direction, ObjectiveName, Point, SearchSpace, StrategyName } from './schema.ts';
import type { Trial, TrialStatus } from './tuner.ts';

/** One trial as the trials table, the CLI and `trials.json` show it. */
export interface TrialRow {
  id: number;
  hyperparameters: Point;
  /** The objective on the validation split; null when the trial failed or was interrupted. */
  objective: number | null;
  status: TrialStatus;
  /** Epochs actually trained. */
  epochs: number;
  /** Wall-clock milliseconds the trial took. */
  ms: number;
  /** Why a trial failed or stopped, e.g. "model.dropout: Number must be less than or equal to 0.9". */
  message?: string;
  /** Hyperband only: bracket, rung and the trial of the rung below. */
  bracket?: number;
  rung?: number;
  resumeFrom?: number;
}

/** The `trials.json` document: how the search was set up, every trial, and which one won. */
export interface TuningReport {
  strategy: StrategyName;
  objective: ObjectiveName;
  direction: Direction;
  maxTrials: number;
  space: SearchSpace;
  /** Id of the best trial; null when no trial produced an objective. */
  bestId: number | null;
  /** True when the user stopped the search before it finished. */
  stopped: boolean;
  trials: TrialRow[];
}

/** The tuning-only progress events; the final retrain streams ordinary TrainEvents after `retrain`. */
export type TuningEvent =
  | { status: 'tune-start'; strategy: StrategyName; objective: ObjectiveName; direction: Direction; maxTrials: number; space: SearchSpace }
  | { status: 'trial-start'; trial: Trial }
  | { status: 'trial-epoch'; id: number; epoch: number; epochs: number }
  /** A trial ended; `bestId` is the best trial so far (null while none has an objective). */
  | { status: 'trial-end'; row: TrialRow; bestId: number | null }
  /** The search is over: the final model is now trained with the best trial's hyperparameters. */
  | { status: 'retrain'; best: TrialRow };

/** Everything a tuning job reports, in one union keyed on `status`. */
export type TuneEvent = TuningEvent | TrainEvent;

/** What the worker's `tune` returns: the report, and the final model's result (null when stopped). */
export interface TuneResult {
  report: TuningReport;
  result: TrainResult | null;
}

/**
 * The row of a finished trial: a non-finite objective becomes null, so the row survives JSON.
 *
 * trialRow({ id: 2, hyperparameters: { 'train.learningRate': 0.01 } }, { objective: 0.93, epochs: 3, status: 'completed' }, 412)
 * // → { id: 2, hyperparameters: {…}, objective: 0.93, status: 'completed', epochs: 3, ms: 412 }
 */
export function trialRow(trial: Trial, result: { objective: number; epochs: number; status: TrialStatus; message?: string }, ms: number): TrialRow {
  const row: TrialRow = {
    id: trial.id,
    hyperparameters: trial.hyperparameters,
    objective: Number.isFinite(result.objective) ? result.objective : null,
    status: result.status,
    epochs: result.epochs,
    ms: Math.round(ms),
  };
  if (result.message) row.message = result.message;
  if (trial.bracket !== undefined) Object.assign(row, { bracket: trial.bracket, rung: trial.rung });
  if (trial.resumeFrom !== undefined) row.resumeFrom = trial.resumeFrom;
  return row;
}
