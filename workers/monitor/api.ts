import type { Baseline, DriftThresholds } from '../../src/core/monitor/index.ts';
import type { RetrainMode } from '../../src/core/monitor/challenger-data.ts';
import type { Entries } from '../../src/core/project/data-codec.ts';
import type { HistoryModel } from '../../src/core/project/model-history.ts';
import type { RestoredHistory } from '../../src/core/project/protocol.ts';
import type { BatchCheck, Challenge, CheckProgress, ImageBatchInput, ModelSwap, ResourceSnapshot } from '../../src/core/monitor/messages.ts';
import type { TrainEvent } from '../../src/core/train/protocol.ts';
import { KilnError } from '../../src/core/errors.ts';
import { deployedModel } from '../deploy/trained-model.ts';
import { beginOperation, resident } from '../state.ts';
import { modelBaseline } from './baseline.ts';
import { checkBatchFile } from './batch-check.ts';
import { checkImageBatch } from './image-check.ts';
import { promoteChallenger, releaseChallenger, trainChallenger } from './challenger.ts';
import { clearHistory, restoreHistory, rollBack, savedHistory } from './history.ts';
import { lastBatch } from './last-batch.ts';
import { resourceSnapshot } from './resources.ts';

/** Monitor-stage calls: the baseline, checking a batch, champion/challenger retraining, resources. */
export const monitorApi = {
  /** The deployed model's baseline (statistics and constraints of its training rows, test predictions and metric). */
  async monitorBaseline(): Promise<Baseline> {
    return modelBaseline(await deployedModel());
  },

  /** Reads, predicts and checks a CSV batch against the baseline; `cancel()` stops it. */
  async checkBatch(file: File, thresholds: Partial<DriftThresholds>, onProgress?: (p: CheckProgress) => void): Promise<BatchCheck> {
    return checkBatchFile(file, thresholds, beginOperation(), onProgress);
  },

  /** checkBatch for an image model: a picked folder (paths relative to it) or a zip of images. */
  async checkImageBatch(input: ImageBatchInput, thresholds: Partial<DriftThresholds>, onProgress?: (p: CheckProgress) => void): Promise<BatchCheck> {
    return checkImageBatch(input, thresholds, beginOperation(), onProgress);
  },

  /**
   * Trains a challenger on the last checked batch's labelled rows or images (with the champion's
   * training data, or instead of it), streaming training events; `cancel()` stops it after the current batch.
   */
  async retrain(mode: RetrainMode, onEvent: (e: TrainEvent) => void): Promise<Challenge> {
    const batch = lastBatch();
    if (!batch || batch.trained !== resident.trained) throw new KilnError('check a labelled batch against the current model first');
    const signal = beginOperation();
    return trainChallenger(batch.data, mode, { onEvent, shouldStop: () => signal.aborted });
  },

  /** Makes the challenger the deployed model (what Deploy predicts with and exports); the champion's files are kept as history entry `archiveAs`. */
  async promoteChallenger(archiveAs: number): Promise<ModelSwap> {
    return promoteChallenger(archiveAs);
  },

  /** Makes history entry `id` the deployed model again; the model it replaces is kept as entry `archiveAs`. */
  async rollBack(id: number, archiveAs: number): Promise<ModelSwap> {
    releaseChallenger(); // it was trained against the model being replaced
    return rollBack(id, archiveAs);
  },

  /** Forgets the kept models (a new run from Train starts a new history). */
  async clearModelHistory(): Promise<void> {
    clearHistory();
  },

  /** The model history (`models` as the page lists it) as .kiln entries made into Blobs, for the project's store; null when nothing was retired. */
  async modelHistory(models: HistoryModel[]): Promise<Record<string, Blob> | null> {
    return savedHistory(models);
  },

  /** Puts a project's saved model history back (after its data): kept models and the deployed one as the live model, unless `latestKey` (resultKey of the latest run) says a later run replaced it. */
  async restoreModelHistory(entries: Entries, latestKey: string): Promise<RestoredHistory> {
    releaseChallenger(); // it was trained against the model being replaced
    return restoreHistory(entries, latestKey);
  },

  /** Drops the challenger; the champion stays. */
  async discardChallenger(): Promise<void> {
    releaseChallenger();
  },

  /** A plain reading of backend, tensors, bytes and heap; cheap enough to poll every second. */
  async resources(): Promise<ResourceSnapshot> {
    return resourceSnapshot();
  },
};
