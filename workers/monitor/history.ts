import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { ModelSwap } from '../../src/core/monitor/messages.ts';
import type { SplitIndices } from '../../src/core/split/split.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import { releaseDeployed } from '../deploy/trained-model.ts';
import { trainedFromFiles } from '../project/restore-model.ts';
import { resident } from '../state.ts';
import type { TrainedModel } from '../train/adapter.ts';
import { disposeModel } from '../train/model.ts';
import { championSplit, rememberSplit } from './champion.ts';

/**
 * A model that was deployed and replaced: its exported files (plain bytes, the very files Deploy
 * downloads, baseline included), the run that made it, and the data and split it learned from,
 * so rolling back restores it exactly, with no tensor held meanwhile.
 */
interface Archived {
  files: ModelFiles;
  result: TrainResult;
  fingerprint: string;
  data: Table | ImageSet;
  split: SplitIndices;
}

/** Kept in the worker's memory for this session, by the page's model number (not saved with the project). */
const archive = new Map<number, Archived>();

/**
 * Keeps `trained`'s model files as history entry `id` before its weights are freed; returns their size.
 *
 * await archiveModel(1, resident.trained, resident.trainedOn) // → 5316 (bytes of model.json, weights.bin, …)
 */
export async function archiveModel(id: number, trained: TrainedModel, data: Table | ImageSet): Promise<number> {
  const split = championSplit(trained, data);
  const files = await trained.files();
  archive.set(id, { files, result: trained.result, fingerprint: trained.fingerprint, data, split });
  return Object.values(files).reduce((n, f) => n + f.byteLength, 0);
}

/**
 * Makes history entry `id` the live model again: rebuilt from its files (as a saved project's model
 * is), with its own data and split, so Deploy, Evaluate and the Monitor use it. The model it
 * replaces is kept as entry `archiveAs`. The caller drops any pending challenger first.
 */
export async function rollBack(id: number, archiveAs: number): Promise<ModelSwap> {
  const entry = archive.get(id);
  if (!entry) throw new KilnError(`model ${id}'s files are not kept (history lasts for this session only); train it again`);
  const current = resident.trained;
  if (!current || !resident.trainedOn) throw new KilnError('train a model first: there is no live model to roll back from');
  const restored = await trainedFromFiles(entry.files, entry.result, entry.fingerprint);
  rememberSplit(restored, entry.split);
  const keptBytes = await archiveModel(archiveAs, current, resident.trainedOn);
  if (resident.trained !== current) {
    disposeModel(restored.model);
    throw new KilnError('the live model changed during the roll back (a new run?); nothing was rolled back');
  }
  archive.delete(id);
  resident.trained = restored;
  resident.trainedOn = entry.data;
  releaseDeployed();
  disposeModel(current.model);
  return { result: entry.result, keptBytes };
}

/** Forgets every kept model: a new run from Train starts a new history. */
export function clearHistory(): void {
  archive.clear();
}
