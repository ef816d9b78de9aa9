import { z } from 'zod';
import type { ImageSet } from '../collect/image-set.ts';
import type { Table } from '../collect/table.ts';
import type { ModelFiles } from '../deploy/model-doc.ts';
import { parseModelDoc } from '../deploy/predict/model-doc-parse.ts';
import { KilnError } from '../errors.ts';
import type { SplitIndices } from '../split/split.ts';
import type { TrainResult } from '../train/protocol.ts';
import { decodeData, encodeData, type Entries } from './data-codec.ts';
import { trainResultSchema } from './run-record.ts';

// The Monitor's model history as .kiln entries (also how IndexedDB keeps it):
//   history.json                       the list the page shows (HistoryModel[])
//   history/<id>/entry.json            a kept model's run result, data fingerprint, split and where its data is
//   history/<id>/model/<file>          its model directory, as Deploy exports it
//   history/<id>/data/…                its data, when it is not the project's own (a challenger's rows + batch)

/** One model of the Monitor's history as the page lists it (plain and serialisable). */
export interface HistoryModel {
  id: number;
  label: string;
  /** ISO time it became the deployed model. */
  when: string;
  metric: string;
  value: number | null;
  deployed: boolean;
  /** Bytes of its kept files; null while deployed or when not kept. */
  keptBytes: number | null;
}

/** A model whose files are kept: enough to make it the live model again, exactly. */
export interface KeptModel {
  files: ModelFiles;
  result: TrainResult;
  /** dataFingerprint of the data it learned from. */
  fingerprint: string;
  split: SplitIndices;
  /** Its data, or 'project' when that is the data saved with the project (not stored twice). */
  data: Table | ImageSet | 'project';
}

/** The history: the listed models, and the kept ones by id (the deployed model is kept too, so it comes back). */
export interface ModelHistory {
  models: HistoryModel[];
  kept: Record<number, KeptModel>;
}

const modelsSchema = z
  .array(
    z.object({
      id: z.number().int().min(1).max(999_999),
      label: z.string().max(500),
      when: z.string().max(40),
      metric: z.string().max(100),
      value: z.number().nullable(),
      deployed: z.boolean(),
      keptBytes: z.number().int().min(0).nullable(),
    }),
  )
  .max(10_000);

const indices = z.array(z.number().int().min(0));
const entrySchema = z.object({
  fingerprint: z.string().max(64),
  split: z.object({ train: indices, validation: indices, test: indices }),
  data: z.union([z.literal('project'), z.literal('own'), z.number().int().min(1)]),
  result: trainResultSchema,
});

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/**
 * The history as entries; a data set several models share (by identity) is stored once.
 *
 * encodeHistory({ models, kept: { 1: { files, result, fingerprint, split, data: 'project' } } })
 * // → { 'history.json': …, 'history/1/entry.json': …, 'history/1/model/model.json': …, … }
 */
export function encodeHistory(history: ModelHistory): Entries {
  const entries: Entries = { 'history.json': json(history.models) };
  const stored = new Map<Table | ImageSet, number>();
  for (const [key, kept] of Object.entries(history.kept)) {
    const id = Number(key);
    let data: 'project' | 'own' | number = 'project';
    if (kept.data !== 'project') {
      const owner = stored.get(kept.data);
      data = owner ?? 'own';
      if (owner === undefined) {
        stored.set(kept.data, id);
        for (const [path, bytes] of Object.entries(encodeData(kept.data))) entries[`history/${id}/${path}`] = bytes;
      }
    }
    entries[`history/${id}/entry.json`] = json({ fingerprint: kept.fingerprint, split: kept.split, data, result: kept.result });
    for (const [name, bytes] of Object.entries(kept.files)) entries[`history/${id}/model/${name}`] = bytes;
  }
  return entries;
}

/**
 * Reads and checks history entries (as unpackProject checks everything: schemas, model documents,
 * data cell by cell, split indices in range); null when there is no history. Bad entries throw a
 * KilnError naming the entry.
 */
export function decodeHistory(entries: Entries): ModelHistory | null {
  if (!entries['history.json']) {
    if (Object.keys(entries).some((p) => p.startsWith('history/'))) throw new KilnError('history/ entries come without history.json; the file is incomplete', { file: 'history.json' });
    return null;
  }
  const models = parse(modelsSchema, entries, 'history.json');
  const ids = new Set(models.map((m) => m.id));
  if (ids.size !== models.length) throw new KilnError('lists a model id twice', { file: 'history.json' });
  const kept: ModelHistory['kept'] = {};
  const own = new Map<number, Table | ImageSet>();
  const keptIds = [...new Set(Object.keys(entries).flatMap((p) => /^history\/(\d+)\//.exec(p)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  for (const id of keptIds) {
    const at = `history/${id}/`;
    if (!ids.has(id)) throw new KilnError(`holds model ${id}, which history.json does not list`, { file: at });
    const entry = parse(entrySchema, entries, `${at}entry.json`);
    const files: ModelFiles = {};
    const dataEntries: Entries = {};
    for (const [path, bytes] of Object.entries(entries)) {
      if (path.startsWith(`${at}model/`)) files[path.slice(at.length + 6)] = bytes;
      else if (path.startsWith(`${at}data/`)) dataEntries[path.slice(at.length)] = bytes;
    }
    for (const name of ['model.json', 'weights.bin', 'preprocessing.json']) {
      if (!files[name]) throw new KilnError('is missing: the kept model is incomplete', { file: `${at}model/${name}` });
    }
    within(`${at}model/preprocessing.json`, () => parseModelDoc(files['preprocessing.json'], 'preprocessing.json'));
    let data: KeptModel['data'] = 'project';
    if (entry.data === 'own') {
      const decoded = within(`${at}data`, () => decodeData(dataEntries, (p) => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(dataEntries[p]))));
      if (!decoded) throw new KilnError("says it holds its data, but there is none", { file: `${at}entry.json` });
      own.set(id, (data = decoded));
    } else if (typeof entry.data === 'number') {
      const shared = own.get(entry.data);
      if (!shared) throw new KilnError(`refers to model ${entry.data}'s data, which is not stored before it`, { file: `${at}entry.json` });
      data = shared;
    }
    if (data !== 'project') checkSplit(entry.split, 'columns' in data ? data.rowCount : data.labels.length, `${at}entry.json`);
    kept[id] = { files, result: entry.result as unknown as TrainResult, fingerprint: entry.fingerprint, split: entry.split, data };
  }
  return { models, kept };
}

/**
 * A short key of a run's result (its epochs' losses and timings, and test predictions), to tell
 * whether the history's deployed model is still the project's latest run or a later run from Train
 * replaced it. Timings are in it because the same seed on the CPU trains the very same losses.
 *
 * resultKey(result) // → '8:0.41/12,0.37/9,…|yes,no,…'
 */
export function resultKey(result: TrainResult): string {
  return `${result.history.length}:${result.history.map((h) => `${h.loss}/${h.ms}`).join(',')}|${result.predictions.predictions.join(',')}`;
}

/** Throws when a split names a row the data does not have (rolling back would read past its end). */
export function checkSplit(split: SplitIndices, rows: number, file: string): void {
  const bad = [...split.train, ...split.validation, ...split.test].find((i) => i >= rows);
  if (bad !== undefined) throw new KilnError(`names row ${bad}, but its data has ${rows} rows`, { file });
}

function parse<T>(schema: z.ZodType<T>, entries: Entries, path: string): T {
  if (!entries[path]) throw new KilnError('is missing; the model history is incomplete', { file: path });
  const value = within(path, () => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entries[path])));
  const r = schema.safeParse(value);
  if (!r.success) throw new KilnError(`is not valid (${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message})`, { file: path });
  return r.data;
}

function within<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof KilnError) throw e.message.startsWith(file) ? e : new KilnError(e.message, { file });
    throw new KilnError(`could not be read (${(e as Error).message})`, { file });
  }
}
