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
 * to resume, as after a reload.
 */
export async function importProject(file: File): Promise<void> {
  ensureIdle();
  const contents = await unpackProject(new Uint8Array(await file.arrayBuffer()), file.name);
  const now = new Date().toISOString();
  const data: Entries | null = contents.data ? encodeData(contents.data) : null;
  const model = contents.model;
  const lastFingerprint = contents.runs.at(-1)?.dataFingerprint ?? '';
  const taken = new Set((await store.listProjects()).map((p) => p.name));
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
  await store.saveProject(stored, { data, model, history: contents.history ?? null });
  if (contents.checkpoint) await store.saveCheckpoint(stored.id, new Blob([contents.checkpoint.bytes as Uint8Array<ArrayBuffer>]), contents.checkpoint.info);
  await projects.open(stored.id);
}
