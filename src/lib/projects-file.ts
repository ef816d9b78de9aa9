import { decodeData, encodeData, type Entries } from '../core/project/data-codec.ts';
import { packProject, unpackProject } from '../core/project/kiln-file.ts';
import { projects } from './projects.svelte.ts';
import { ensureIdle } from './projects-restore.ts';
import * as store from './storage.ts';

/**
 * The open project as a .kiln file: spec, run history, the model, the Monitor's model history and
 * a checkpoint a run left mid-way (both when present), and the data unless `includeData` is off
 * (for privacy: a model and runs can be shared without the rows).
 */
export async function exportProject(includeData: boolean): Promise<{ blob: Blob; name: string; bytes: number; ms: number }> {
  const started = performance.now();
  await projects.flush();
  const current = projects.current;
  if (!current) throw new Error('no project is open');
  const blobs = await store.getBlobs(current.id);
  const parse = (path: string) => JSON.parse(new TextDecoder().decode(blobs.data![path]));
  const data = includeData && blobs.data ? decodeData(blobs.data, parse) : null;
  // A history's kept models may hold their own rows (a challenger's batch): they stay home with the data.
  const history = includeData ? (blobs.history ?? null) : null;
  const [info, checkpointBytes] = await Promise.all([store.checkpointInfo(current.id), store.checkpointBytes(current.id)]);
  const checkpoint = info && checkpointBytes ? { bytes: checkpointBytes, info } : null;
  const bytes = await packProject({ name: current.name, createdAt: current.createdAt, spec: current.spec, data, model: blobs.model ?? null, runs: current.runs, history, checkpoint });
  const name = `${current.name.replace(/[^\w .-]+/g, '_').trim() || 'project'}.kiln`;
  return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name, bytes: bytes.length, ms: Math.round(performance.now() - started) };
}

/**
 * Imports a .kiln file as a new project and opens it. Everything is checked first (see
 * unpackProject); a bad file throws a KilnError and changes nothing. A checkpoint in it is offered
 * to resume, as after a reload. Aborting `signal` before the new project is opened throws an
 * AbortError and leaves the open project and the saved list as they were (a half-saved import is
 * deleted); once opening starts, the import finishes.
 */
export async function importProject(file: File, signal?: AbortSignal): Promise<void> {
  ensureIdle();
  const bytes = new Uint8Array(await file.arrayBuffer());
  await settle();
  signal?.throwIfAborted();
  const contents = await unpackProject(bytes, file.name);
  await settle();
  signal?.throwIfAborted();
  const now = new Date().toISOString();
  const data: Entries | null = contents.data ? encodeData(contents.data) : null;
  await settle();
  const model = contents.model;
  const lastFingerprint = contents.runs.at(-1)?.dataFingerprint ?? '';
  const taken = new Set((await store.listProjects()).map((p) => p.name));
  signal?.throwIfAborted();
  const stored: store.StoredProject = {
    id: crypto.randomUUID(),
    name: taken.has(contents.name) ? `${contents.name} (imported)` : contents.name,
    createdAt: contents.createdAt || now,
    updatedAt: now,
    spec: contents.spec,
    runs: contents.runs,
    dataBytes: store.entriesBytes(data),
    modelBytes: store.entriesBytes(model),
    modelFingerprint: model ? lastFingerprint : '',
  };
  try {
    await store.saveProject(stored, { data, model, history: contents.history ?? null });
    if (contents.checkpoint) await store.saveCheckpoint(stored.id, new Blob([contents.checkpoint.bytes as Uint8Array<ArrayBuffer>]), contents.checkpoint.info);
    await settle();
    signal?.throwIfAborted();
  } catch (e) {
    // Stopped (or failed) while saving: the copy must not linger in the list as a project nobody
    // opened, and the open project is marked the last one again (saveProject marked the copy), so a
    // reload still opens it.
    await store.deleteProject(stored.id).catch(() => {});
    await projects.save();
    throw e;
  }
  await projects.open(stored.id);
}

/** A turn of the event loop, so a click on Stop queued behind a long step runs before the next one. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** True for the error an aborted import throws (a Stop, not a fault of the file). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
