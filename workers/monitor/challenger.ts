import type { ImageSet } from '../../src/core/collect/image-set.ts';
import { cellText, findColumn, type Table } from '../../src/core/collect/table.ts';
import { higherIsBetter, metricValue } from '../../src/core/evaluate/goal.ts';
import { KilnError } from '../../src/core/errors.ts';
import { appendRows, challengerSplit, type RetrainMode } from '../../src/core/monitor/challenger-data.ts';
import { appendImages, type LabelledImages } from '../../src/core/monitor/challenger-images.ts';
import type { Challenge, ModelScores, ModelSwap } from '../../src/core/monitor/messages.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import type { TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { releaseDeployed } from '../deploy/trained-model.ts';
import { resident } from '../state.ts';
import type { TrainedModel } from '../train/adapter.ts';
import { disposeModel } from '../train/model.ts';
import { trainOn } from '../train/pipeline.ts';
import { championSplit, rememberSplit } from './champion.ts';
import { archiveModel } from './history.ts';

/** A trained challenger waiting for the user's decision, with the data and rows it learned from. */
let pending: { trained: TrainedModel; data: Table | ImageSet; split: SplitIndices; champion: TrainedModel } | null = null;

/** The resident champion, with the table or image set it learned from. */
export function currentChampion(): { trained: TrainedModel; data: Table | ImageSet } {
  const { trained, trainedOn } = resident;
  if (!trained || !trainedOn) throw new KilnError('train a model first: the Monitor checks the last trained model');
  return { trained, data: trainedOn };
}

/**
 * Trains a challenger with the champion's spec on the champion's rows (or images) plus the batch's
 * labelled ones (`combine`) or on the batch's alone (`replace`), always tested on the champion's
 * test rows, and scores both there. The champion stays deployed until promoteChallenger().
 */
export async function trainChallenger(
  batch: Table | LabelledImages,
  mode: RetrainMode,
  control: { onEvent: (e: TrainEvent) => void; shouldStop: () => boolean },
): Promise<Challenge> {
  const { trained: champion, data } = currentChampion();
  releaseChallenger();
  const spec = champion.result.spec;
  const { combined, added } = withBatch(data, batch, spec.data.label);
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

/** The champion's data with the batch's labelled rows or images appended, and their indices. */
function withBatch(data: Table | ImageSet, batch: Table | LabelledImages, label: string): { combined: Table | ImageSet; added: number[] } {
  if ('columns' in data !== 'columns' in batch) throw new KilnError(`holds ${'columns' in batch ? 'table rows' : 'images'}, but the model learned from ${'columns' in data ? 'a table' : 'images'}`, { file: batch.source });
  if (!('columns' in data) || !('columns' in batch)) {
    const { set, added } = appendImages(data as ImageSet, batch as LabelledImages);
    if (added.length === 0) throw new KilnError('has no image inside a class folder, so none can teach the model; put each image in a folder named after its class', { file: batch.source });
    return { combined: set, added };
  }
  if (!findColumn(batch, label)) throw new KilnError(`has no '${label}' column, so its rows cannot teach the model; add the true labels to retrain`, { file: batch.source });
  const combined = appendRows(data, batch);
  const labels = findColumn(combined, label)!;
  const added: number[] = [];
  for (let i = data.rowCount; i < combined.rowCount; i++) if (cellText(labels, i) !== null) added.push(i);
  if (added.length === 0) throw new KilnError(`has no row with a '${label}' value to learn from`, { file: batch.source });
  return { combined, added };
}

/**
 * Makes the pending challenger the deployed model. The old champion's model files are kept in the
 * history as model `archiveAs` (so it can be rolled back to), then its weights are freed.
 */
export async function promoteChallenger(archiveAs: number): Promise<ModelSwap> {
  const offer = pending;
  const old = resident.trained;
  if (!offer || !old || offer.champion !== old || !resident.trainedOn) throw new KilnError('there is no challenger to promote: retrain first');
  const keptBytes = await archiveModel(archiveAs, old, resident.trainedOn);
  if (pending !== offer || resident.trained !== old) throw new KilnError('the models changed while the champion was being kept; promote again');
  resident.trained = offer.trained;
  resident.trainedOn = offer.data;
  pending = null;
  releaseDeployed();
  disposeModel(old.model);
  return { result: offer.trained.result, keptBytes };
}

/** Frees a challenger nobody promoted (a new one is trained, a model is rolled back to, or a new run replaced the champion). */
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
