import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { dataFingerprint } from '../../src/core/deploy/fingerprint.ts';
import { isKilnError, KilnError } from '../../src/core/errors.ts';
import type { Entries } from '../../src/core/project/data-codec.ts';
import { checkSplit, decodeHistory, encodeHistory, resultKey, type HistoryModel, type ModelHistory } from '../../src/core/project/model-history.ts';
import type { RestoredHistory } from '../../src/core/project/protocol.ts';
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

/** Kept in the worker's memory by the page's model number; saved with the project as savedHistory's entries. */
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
  if (!entry) throw new KilnError(`model ${id}'s files are not kept (they were not saved with the project); train it again`);
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

/**
 * The history as .kiln entries (model-history.ts), as Blobs made here so the page stores them without
 * copying bytes on its thread; the live model is included, so a reload puts it back as well. Data
 * that is the resident data (the project saves that itself) is referred to, not stored again.
 * Null when nothing was retired (a history of one model is what Train makes anyway).
 */
export async function savedHistory(models: HistoryModel[]): Promise<Record<string, Blob> | null> {
  const live = models.find((m) => m.deployed);
  if (models.length < 2 || !live || !resident.trained || !resident.trainedOn) return null;
  const ref = (d: Table | ImageSet) => (d === resident.table || d === resident.images ? 'project' : d);
  const kept: ModelHistory['kept'] = {};
  for (const [id, a] of archive) if (models.some((m) => m.id === id && !m.deployed)) kept[id] = { ...a, data: ref(a.data) };
  const t = resident.trained;
  kept[live.id] = { files: await t.files(), result: t.result, fingerprint: t.fingerprint, split: championSplit(t, resident.trainedOn), data: ref(resident.trainedOn) };
  return Object.fromEntries(Object.entries(encodeHistory({ models, kept })).map(([path, bytes]) => [path, new Blob([bytes as Uint8Array<ArrayBuffer>])]));
}

/**
 * Puts a saved history back after the project's data: the kept models (each checked against its
 * data's fingerprint) and its deployed model as the live one. A kept model whose data is gone is
 * listed as not kept; when the deployed one cannot come back, nothing changes and the reason is returned.
 * `latestKey` is resultKey of the project's latest run: a history whose deployed model is not that run is stale.
 */
export async function restoreHistory(entries: Entries, latestKey: string): Promise<RestoredHistory> {
  let history: ModelHistory | null;
  try {
    history = decodeHistory(entries);
  } catch (e) {
    if (isKilnError(e)) return { ok: false, reason: e.message };
    throw e;
  }
  const live = history?.models.find((m) => m.deployed);
  if (!history || !live) return { ok: false, reason: 'the saved history has no deployed model' };
  const liveResult = history.kept[live.id]?.result;
  if (!liveResult || resultKey(liveResult) !== latestKey) return { ok: false, reason: 'a later run from Train replaced its model', stale: true };
  const prints = new Map<Table | ImageSet, string>();
  const print = (d: Table | ImageSet) => prints.get(d) ?? prints.set(d, dataFingerprint(d)).get(d)!;
  const found = new Map<number, Archived>();
  for (const [key, k] of Object.entries(history.kept)) {
    const candidates = k.data === 'project' ? [resident.table, resident.images] : [k.data];
    const data = candidates.find((d): d is Table | ImageSet => !!d && print(d) === k.fingerprint);
    if (!data) continue;
    try {
      checkSplit(k.split, 'columns' in data ? data.rowCount : data.labels.length, `model ${key}`);
    } catch {
      continue;
    }
    found.set(Number(key), { ...k, data });
  }
  const entry = found.get(live.id);
  if (!entry) return { ok: false, reason: 'the deployed model was trained on data that was not saved with the project' };
  let restored: TrainedModel;
  try {
    restored = await trainedFromFiles(entry.files, entry.result, entry.fingerprint);
  } catch (e) {
    if (isKilnError(e)) return { ok: false, reason: e.message };
    throw e;
  }
  rememberSplit(restored, entry.split);
  if (resident.trained) disposeModel(resident.trained.model);
  resident.trained = restored;
  resident.trainedOn = entry.data;
  releaseDeployed();
  found.delete(live.id);
  archive.clear();
  for (const [id, a] of found) archive.set(id, a);
  const bytes = (id: number) => Object.values(archive.get(id)!.files).reduce((n, f) => n + f.byteLength, 0);
  const models = history.models.map((m) => ({ ...m, keptBytes: !m.deployed && archive.has(m.id) ? bytes(m.id) : null }));
  return { ok: true, models, live: entry.result, kind: 'columns' in entry.data ? 'table' : 'images', fingerprint: entry.fingerprint };
}
