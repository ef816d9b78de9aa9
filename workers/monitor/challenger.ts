import { cellText, findColumn, type Table } from '../../src/core/collect/table.ts';
import { higherIsBetter, metricValue } from '../../src/core/evaluate/goal.ts';
import { KilnError } from '../../src/core/errors.ts';
import { appendRows, challengerSplit, type RetrainMode } from '../../src/core/monitor/challenger-data.ts';
import type { Challenge, ModelScores } from '../../src/core/monitor/messages.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import type { TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { releaseDeployed } from '../deploy/trained-model.ts';
import { resident } from '../state.ts';
import type { TrainedModel, TrainedTable } from '../train/adapter.ts';
import { disposeModel } from '../train/model.ts';
import { trainOn } from '../train/pipeline.ts';
import { championSplit, rememberSplit } from './champion.ts';

/** A trained challenger waiting for the user's decision, with the data and rows it learned from. */
let pending: { trained: TrainedTable; data: Table; split: SplitIndices; champion: TrainedModel } | null = null;

/** The resident champion as a table model, with the table it learned from. */
export function tableChampion(): { trained: TrainedTable; data: Table } {
  const { trained, trainedOn } = resident;
  if (!trained || !trainedOn) throw new KilnError('train a model first: the Monitor checks the last trained model');
  if (trained.kind !== 'table' || !('columns' in trainedOn)) throw new KilnError('retraining from a batch works for table models only so far');
  return { trained, data: trainedOn };
}

/**
 * Trains a challenger with the champion's spec on the champion's rows plus the batch's labelled
 * rows (`combine`) or on the batch's rows alone (`replace`), always tested on the champion's
 * test rows, and scores both there. The champion stays deployed until promoteChallenger().
 */
export async function trainChallenger(
  batch: Table,
  mode: RetrainMode,
  control: { onEvent: (e: TrainEvent) => void; shouldStop: () => boolean },
): Promise<Challenge> {
  const { trained: champion, data } = tableChampion();
  releaseChallenger();
  const spec = champion.result.spec;
  const label = spec.data.label;
  if (!findColumn(batch, label)) throw new KilnError(`has no '${label}' column, so its rows cannot teach the model; add the true labels to retrain`, { file: batch.source });
  const combined = appendRows(data, batch);
  const labels = findColumn(combined, label)!;
  const added: number[] = [];
  for (let i = data.rowCount; i < combined.rowCount; i++) if (cellText(labels, i) !== null) added.push(i);
  if (added.length === 0) throw new KilnError(`has no row with a '${label}' value to learn from`, { file: batch.source });
  const base = championSplit(champion, data);
  const split = challengerSplit(base, added, mode, spec.split, spec.seed);
  // The same spec, but no cross-validation: its folds would re-split the rows we fixed.
  const same = { ...spec, split: { ...spec.split, folds: undefined } };
  const trained = await trainOn(same, combined, { ...control, split });
  rememberSplit(trained, split);
  pending = { trained, data: combined, split, champion };
  const metric = spec.goal.metric;
  const championScores = scores(champion.result, metric);
  const challengerScores = scores(trained.result, metric);
  return {
    mode,
    batch: batch.source,
    champion: championScores,
    challenger: challengerScores,
    challengerBetter: better(challengerScores.value, championScores.value, metric),
    result: trained.result,
  };
}

/** Makes the pending challenger the deployed model; the old champion's weights are freed. */
export function promoteChallenger(): TrainResult {
  if (!pending || pending.champion !== resident.trained) throw new KilnError('there is no challenger to promote: retrain first');
  const old = resident.trained;
  resident.trained = pending.trained;
  resident.trainedOn = pending.data;
  pending = null;
  releaseDeployed();
  disposeModel(old.model);
  return resident.trained.result;
}

/** Frees a challenger nobody promoted (a new one is trained, or a new run replaced the champion). */
export function releaseChallenger(): void {
  if (pending) disposeModel(pending.trained.model);
  pending = null;
}

function scores(result: TrainResult, metric: ModelScores['metric']): ModelScores {
  return {
    metric,
    value: metricValue(result.test.metrics, metric) ?? null,
    test: result.test,
    trainRows: result.split.train,
    validationRows: result.split.validation,
    testRows: result.split.test,
  };
}

function better(challenger: number | null, champion: number | null, metric: ModelScores['metric']): boolean {
  if (challenger === null || champion === null) return false;
  return higherIsBetter(metric) ? challenger >= champion : challenger <= champion;
}
