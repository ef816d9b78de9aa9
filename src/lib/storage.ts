import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Entries } from '../core/project/data-codec.ts';
import type { RunRecord } from '../core/project/run-record.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import type { CheckpointInfo } from '../core/train/checkpoint.ts';
import { KilnError } from '../core/errors.ts';

/** A project as IndexedDB keeps it; its data and model live beside it in `blobs`. */
export interface StoredProject {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  spec: PipelineSpec;
  runs: RunRecord[];
  /** Bytes of the saved data and model (0 when none), for the menu. */
  dataBytes: number;
  modelBytes: number;
  /** Fingerprint of the data the saved model trained on. */
  modelFingerprint: string;
}

/** What a save writes next to the project: entries to store, null to delete, undefined to keep. */
/** .kiln entries as bytes, or as Blobs made in the worker (a big table then never crosses the page's thread as bytes). */
export type StoredEntries = Record<string, Blob | Uint8Array>;

export interface SavedBlobs {
  data?: StoredEntries | null;
  model?: StoredEntries | null;
  /** The Monitor's model history (history.json, history/…), as in a .kiln file. */
  history?: StoredEntries | null;
}

const parts = ['data', 'model', 'history'] as const;

interface KilnDb extends DBSchema {
  projects: { key: string; value: StoredProject };
  /** `<id>/data`, `<id>/model`, `<id>/history` (the Monitor's model history) and `<id>/checkpoint` (the running training's, as `checkpoint.bin`): the .kiln entries of the data and the model files, as Blobs (bytes in older saves). */
  blobs: { key: string; value: StoredEntries };
  /** `last` (the project opened last) and `checkpoint:<id>` (a saved checkpoint's CheckpointInfo as JSON). */
  meta: { key: string; value: string };
}

let db: Promise<IDBPDatabase<KilnDb>> | null = null;

function open(): Promise<IDBPDatabase<KilnDb>> {
  db ??= openDB<KilnDb>('kiln', 1, {
    upgrade(d) {
      d.createObjectStore('projects', { keyPath: 'id' });
      d.createObjectStore('blobs');
      d.createObjectStore('meta');
    },
  });
  return db;
}

/** Every saved project, most recently changed first. */
export async function listProjects(): Promise<StoredProject[]> {
  const all = await (await open()).getAll('projects');
  return all.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
}

/** One saved project, or undefined. */
export async function getProject(id: string): Promise<StoredProject | undefined> {
  return (await open()).get('projects', id);
}

/** A project's saved data, model and model-history entries (undefined when it has none). */
export async function getBlobs(id: string): Promise<{ data?: Entries; model?: Entries; history?: Entries }> {
  const d = await open();
  const [data, model, history] = await Promise.all(parts.map((part) => d.get('blobs', `${id}/${part}`)));
  return { data: await fromStored(data), model: await fromStored(model), history: await fromStored(history) };
}

/**
 * Entries as Blobs for IndexedDB: a put clones its value on the main thread at once, which for a
 * 160 MB table froze the page for most of a second; a Blob is copied once and written to disk by the
 * browser off the main thread.
 */
function toStored(entries: StoredEntries): Record<string, Blob> {
  return Object.fromEntries(Object.entries(entries).map(([path, v]) => [path, v instanceof Blob ? v : new Blob([v as Uint8Array<ArrayBuffer>])]));
}

/** Saved entries back as bytes (saves made before Blobs hold the bytes themselves). */
async function fromStored(stored: StoredEntries | undefined): Promise<Entries | undefined> {
  if (!stored) return undefined;
  const pairs = await Promise.all(Object.entries(stored).map(async ([path, v]) => [path, v instanceof Blob ? new Uint8Array(await v.arrayBuffer()) : v] as const));
  return Object.fromEntries(pairs);
}

/**
 * Saves a project, its blobs and "last opened" in ONE transaction: a full disk aborts all of it,
 * so a project is never half-written. A quota error becomes a KilnError saying what to do.
 */
export async function saveProject(project: StoredProject, blobs: SavedBlobs = {}): Promise<void> {
  const tx = (await open()).transaction(['projects', 'blobs', 'meta'], 'readwrite');
  const done = tx.done.catch((e: unknown) => Promise.reject(tx.error ?? e));
  try {
    // A failed request fails tx.done too, so each request's own rejection is only silenced here.
    const quiet = (request: Promise<unknown>) => void request.catch(() => {});
    // Blobs first: a write refused at once (too big to clone, quota) then aborts before the record.
    for (const part of parts) {
      const value = blobs[part];
      if (value === null) quiet(tx.objectStore('blobs').delete(`${project.id}/${part}`));
      else if (value) quiet(tx.objectStore('blobs').put(toStored(value), `${project.id}/${part}`));
    }
    quiet(tx.objectStore('projects').put(project));
    quiet(tx.objectStore('meta').put(project.id, 'last'));
    await done;
  } catch (e) {
    try {
      tx.abort(); // a request that threw leaves the transaction open: abort it so nothing is half-written
    } catch {
      // already aborted by the browser (a quota error at commit)
    }
    await done.catch(() => {});
    throw storageError(e, project.name);
  }
}

/** Deletes a project with its data and model, in one transaction. */
export async function deleteProject(id: string): Promise<void> {
  const tx = (await open()).transaction(['projects', 'blobs'], 'readwrite');
  const blobs = tx.objectStore('blobs');
  await Promise.all([tx.objectStore('projects').delete(id), blobs.delete(`${id}/data`), blobs.delete(`${id}/model`), blobs.delete(`${id}/history`), blobs.delete(`${id}/checkpoint`), tx.done]);
  await deleteCheckpoint(id);
}

/**
 * Keeps a project's latest training checkpoint (a Blob the worker made: no copy on this thread),
 * replacing the one before, with its summary, in one transaction. A full disk leaves the previous
 * checkpoint and throws a KilnError.
 */
export async function saveCheckpoint(id: string, bytes: Blob, info: CheckpointInfo): Promise<void> {
  const tx = (await open()).transaction(['blobs', 'meta'], 'readwrite');
  try {
    await Promise.all([tx.objectStore('blobs').put({ 'checkpoint.bin': bytes }, `${id}/checkpoint`), tx.objectStore('meta').put(JSON.stringify(info), `checkpoint:${id}`), tx.done]);
  } catch (e) {
    throw storageError(e, 'the training checkpoint');
  }
}

/** A project's saved checkpoint summary, or undefined (also when the record is unreadable). */
export async function checkpointInfo(id: string): Promise<CheckpointInfo | undefined> {
  const text = await (await open()).get('meta', `checkpoint:${id}`);
  try {
    return text ? (JSON.parse(text) as CheckpointInfo) : undefined;
  } catch {
    return undefined;
  }
}

/** A project's saved checkpoint bytes, or undefined. */
export async function checkpointBytes(id: string): Promise<Uint8Array | undefined> {
  const stored = await fromStored(await (await open()).get('blobs', `${id}/checkpoint`));
  return stored?.['checkpoint.bin'];
}

/** Forgets a project's checkpoint (its run finished, failed, or the user discarded it). */
export async function deleteCheckpoint(id: string): Promise<void> {
  const tx = (await open()).transaction(['blobs', 'meta'], 'readwrite');
  await Promise.all([tx.objectStore('blobs').delete(`${id}/checkpoint`), tx.objectStore('meta').delete(`checkpoint:${id}`), tx.done]);
}

/** The project opened last, if any. */
export async function lastProjectId(): Promise<string | undefined> {
  return (await open()).get('meta', 'last');
}

/** Asks the browser to keep Kiln's storage under pressure; reports whether it will, and the space used and free. */
export async function storageStatus(ask: boolean): Promise<{ persisted: boolean | null; usage: number | null; quota: number | null }> {
  const s = navigator.storage;
  if (!s) return { persisted: null, usage: null, quota: null };
  const persisted = await (ask && s.persist ? s.persist() : s.persisted?.() ?? Promise.resolve(false)).catch(() => null);
  const estimate = await s.estimate?.().catch(() => undefined);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** Total bytes of some entries. */
export function entriesBytes(entries: StoredEntries | null | undefined): number {
  return entries ? Object.values(entries).reduce((n, b) => n + (b instanceof Blob ? b.size : b.byteLength), 0) : 0;
}

function storageError(e: unknown, name: string): Error {
  const error = e as DOMException;
  const quota = error?.name === 'QuotaExceededError' || /quota/i.test(error?.message ?? '');
  if (quota) return new KilnError(`the browser's storage for Kiln is full, so nothing of this save was written (the last save is intact). Delete old projects in the Projects menu, or export this one as a .kiln file`, { file: name });
  return new KilnError(`could not be saved in the browser (${error?.message ?? String(e)}); export it as a .kiln file to keep it`, { file: name });
}
