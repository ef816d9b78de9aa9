import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import type { BackendChoice } from '../../src/core/train/protocol.ts';
import { createTuner } from '../../src/core/tune/create-tuner.ts';
import { objectiveValue } from '../../src/core/tune/objective.ts';
import { planTuning, trialSpec, type TuningPlan } from '../../src/core/tune/plan-tuning.ts';
import { trialRow, type TrialRow, type TuneEvent, type TuningReport } from '../../src/core/tune/protocol.ts';
import { bestTrial, type Trial } from '../../src/core/tune/tuner.ts';
import { disposeModel } from '../train/model.ts';
import { trainOn, type RunOptions, type TrainedModel } from '../train/pipeline.ts';

/** How a caller steers a tuning job: the same knobs as one training run. */
export interface TuneOptions extends Omit<RunOptions, 'onEvent'> {
  onEvent?: (event: TuneEvent) => void;
}

/** A finished (or stopped) tuning job: the report, and the model retrained with the best trial (null when stopped). */
export interface TuningOutcome {
  report: TuningReport;
  trained: TrainedModel | null;
}

/**
 * Runs the search `spec.tuning` describes on loaded data: one `trainOn` per trial, all sharing
 * the data, each model disposed once scored; then retrains with the best trial's hyperparameters
 * and returns that model (the caller owns it). A trial whose spec is invalid or whose training
 * throws is recorded as failed. Stopping ends the search after the current batch, without a retrain.
 *
 * const { report, trained } = await runTuning(spec, iris, { backend: 'cpu' });
 * report.trials.length // → spec.tuning.maxTrials
 */
export async function runTuning(spec: PipelineSpec, data: Table | ImageSet, opts: TuneOptions = {}): Promise<TuningOutcome> {
  const emit = opts.onEvent ?? (() => {});
  const shouldStop = opts.shouldStop ?? (() => false);
  const plan = planTuning(spec, data);
  const { tuning, space, direction } = plan;
  const tuner = createTuner(tuning, space, plan.seed);
  emit({ status: 'tune-start', strategy: tuning.strategy, objective: tuning.objective, direction, maxTrials: tuning.maxTrials, space });
  const rows: TrialRow[] = [];
  const bestId = () => bestTrial(tuner.history(), direction)?.trial.id ?? null;
  // `auto` measures backends once, on the first trial; the rest reuse its choice.
  let choice: BackendChoice | null = null;
  const backend = () => opts.backend ?? (choice && spec.backend === 'auto' ? choice.name : undefined);

  while (!tuner.done() && !shouldStop()) {
    const trial = tuner.next();
    if (!trial) break; // a sequential runner has reported every trial, so null means nothing is left
    emit({ status: 'trial-start', trial });
    const row = await runTrial(plan, trial, data, { shouldStop, backend: backend() }, emit, (c) => (choice ??= c));
    tuner.report(trial.id, { objective: row.objective ?? Number.NaN, epochs: row.epochs, status: row.status });
    rows.push(row);
    emit({ status: 'trial-end', row, bestId: bestId() });
  }

  const best = bestTrial(tuner.history(), direction);
  const report: TuningReport = { strategy: tuning.strategy, objective: tuning.objective, direction, maxTrials: tuning.maxTrials, space, bestId: best?.trial.id ?? null, stopped: shouldStop(), trials: rows };
  if (report.stopped) return { report, trained: null };
  if (!best) {
    const reason = rows.find((r) => r.message)?.message ?? 'no trial produced a finite objective';
    throw new KilnError(`no trial finished, so there is no best to retrain (trial 1: ${reason})`, { path: 'tuning.space' });
  }
  const bestRow = rows[best.trial.id - 1];
  emit({ status: 'retrain', best: bestRow });
  const final = trialSpec(spec, best.trial);
  if (!final.ok) throw new Error(`tuning: the best trial's spec no longer validates: ${final.message}`); // it validated as a trial
  // Trials after the first were forced to its backend; the final run reports how it was chosen.
  const measured = !opts.backend && spec.backend === 'auto' ? choice : null;
  const onEvent = (e: TuneEvent) => emit(measured && e.status === 'backend' ? { ...e, choice: measured } : e);
  const trained = await trainOn(final.spec, data, { onEvent, shouldStop, backend: backend() });
  if (measured) trained.result.backend = measured;
  return { report, trained };
}

/** Trains and scores one trial; never throws for the trial's own failure, only records it. */
async function runTrial(
  plan: TuningPlan,
  trial: Trial,
  data: Table | ImageSet,
  opts: Pick<RunOptions, 'shouldStop' | 'backend'>,
  emit: (e: TuneEvent) => void,
  onBackend: (choice: BackendChoice) => void,
): Promise<TrialRow> {
  const started = performance.now();
  const failed = (message: string, epochs = 0) => trialRow(trial, { objective: Number.NaN, epochs, status: 'failed', message }, performance.now() - started);
  const checked = trialSpec(plan.base, trial);
  if (!checked.ok) return failed(checked.message);
  let trained: TrainedModel;
  try {
    trained = await trainOn(checked.spec, data, {
      ...opts,
      onEvent: (e) => {
        if (e.status === 'backend') onBackend(e.choice);
        if (e.status === 'epoch') emit({ status: 'trial-epoch', id: trial.id, epoch: e.logs.epoch, epochs: e.epochs });
      },
    });
  } catch (e) {
    return failed((e as Error).message);
  }
  const { result } = trained;
  disposeModel(trained.model); // only the hyperparameters of a trial are kept, never its weights
  const epochs = result.history.length;
  const ms = performance.now() - started;
  if (result.stopped) return trialRow(trial, { objective: Number.NaN, epochs, status: 'stopped', message: 'stopped by the user before it finished' }, ms);
  const objective = objectiveValue(result, plan.tuning.objective);
  if (!Number.isFinite(objective)) return failed(`${plan.tuning.objective} is ${objective}: training diverged (try a smaller train.learningRate)`, epochs);
  return trialRow(trial, { objective, epochs, status: 'completed' }, ms);
}
