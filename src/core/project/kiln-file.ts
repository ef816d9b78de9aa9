import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import type { ImageSet } from '../collect/image-set.ts';
import type { Table } from '../collect/table.ts';
import type { ModelFiles } from '../deploy/model-doc.ts';
import { parseModelDoc } from '../deploy/predict/model-doc-parse.ts';
import { KilnError } from '../errors.ts';
import type { PipelineSpec } from '../spec/schema.ts';
import { formatSpecIssues, validateSpec } from '../spec/validate.ts';
import { sha256Hex } from './checksum.ts';
import { decodeCheckpoint, checkpointInfo, type CheckpointInfo } from '../train/checkpoint.ts';
import { decodeData, encodeData, type Entries } from './data-codec.ts';
import { decodeHistory } from './model-history.ts';
import { projectLimits } from './limits.ts';
import { runsSchema, type RunRecord } from './run-record.ts';
import { readZip } from './zip-read.ts';

/** Everything a project holds: what a .kiln file carries and what the page saves. */
export interface ProjectContents {
  name: string;
  /** ISO time the project was created. */
  createdAt: string;
  spec: PipelineSpec;
  /** The parsed data set; null when it was left out (for privacy) or never loaded. */
  data: Table | ImageSet | null;
  /** The last trained model's directory (model.json, weights.bin, preprocessing.json); null if none. */
  model: ModelFiles | null;
  runs: RunRecord[];
  /** The Monitor's model history as its entries (history.json, history/…; see model-history.ts); null or absent when none. */
  history?: Entries | null;
  /** The training checkpoint a run left mid-way, with its summary; null or absent when none. */
  checkpoint?: { bytes: Uint8Array; info: CheckpointInfo } | null;
}

/**
 * The format's name and the newest version this Kiln reads, in kiln.json. Version 2 adds the
 * optional model history and checkpoint; a file without them is still written as version 1, so an
 * older Kiln opens it, and one with them tells an older Kiln to update rather than call it altered.
 */
export const projectFormat = { format: 'kiln-project', version: 2 } as const;

const manifestSchema = z.object({
  format: z.literal('kiln-project'),
  version: z.number().int(),
  createdAt: z.string().max(40),
  name: z.string().max(200),
  files: z.record(z.string(), z.object({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

/** kiln.json: the format, the project's name, and each other entry's size and SHA-256. */
export type ProjectManifest = z.infer<typeof manifestSchema>;

/**
 * A project as the bytes of a .kiln file (a zip): kiln.json, spec.json, runs.json, data/… and model/….
 *
 * await packProject({ name: 'Iris', createdAt, spec, data: null, model: null, runs: [] }) // → Uint8Array 'PK…'
 */
export async function packProject(project: ProjectContents): Promise<Uint8Array> {
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 1));
  const entries: Entries = { 'spec.json': json(project.spec), 'runs.json': json(project.runs) };
  if (project.data) Object.assign(entries, encodeData(project.data));
  for (const [name, bytes] of Object.entries(project.model ?? {})) entries[`model/${name}`] = bytes;
  for (const [path, bytes] of Object.entries(project.history ?? {})) if (path === 'history.json' || path.startsWith('history/')) entries[path] = bytes;
  if (project.checkpoint) entries['checkpoint.bin'] = project.checkpoint.bytes;
  const version = project.checkpoint || 'history.json' in entries ? projectFormat.version : 1;
  const files: ProjectManifest['files'] = {};
  for (const [path, bytes] of Object.entries(entries)) files[path] = { bytes: bytes.length, sha256: await sha256Hex(bytes) };
  const manifest: ProjectManifest = { ...projectFormat, version, createdAt: project.createdAt, name: project.name, files };
  // Binary columns and weights deflate little; level 1 keeps export fast and loses only a few percent.
  const zippable: Zippable = { 'kiln.json': json(manifest) };
  for (const [path, bytes] of Object.entries(entries)) zippable[path] = [bytes, { level: path.endsWith('.bin') ? 1 : 6 }];
  return zipSync(zippable);
}

/**
 * Reads a .kiln file, checking everything before trusting anything: sizes and paths from the zip
 * directory, the manifest's schema, every entry's size and SHA-256, the spec, the run history,
 * the data cell by cell and the model's preprocessing document. Nothing in it is ever run.
 * A damaged, truncated or hostile file throws a KilnError naming the file and the entry.
 */
export async function unpackProject(bytes: Uint8Array, file = 'project.kiln', limits = projectLimits): Promise<ProjectContents> {
  const entries = readZip(bytes, file, limits);
  const parseJson = (path: string): unknown => {
    const entry = entries[path];
    if (!entry) throw new KilnError('is missing; the file is not a complete Kiln project', { file: `${file}: ${path}` });
    if (entry.length > limits.maxJsonBytes) throw new KilnError(`is too large for a JSON document (${entry.length} bytes)`, { file: `${file}: ${path}` });
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry));
    } catch (e) {
      throw new KilnError(`is not valid JSON (${(e as Error).message})`, { file: `${file}: ${path}` });
    }
  };
  const manifest = readManifest(parseJson('kiln.json'), file);
  await checkFiles(entries, manifest, file);
  const specResult = validateSpec(parseJson('spec.json'));
  if (!specResult.ok) throw new KilnError(formatSpecIssues(specResult.issues).replaceAll('\n', '; '), { file: `${file}: spec.json` });
  const runs = runsSchema.safeParse(parseJson('runs.json'));
  if (!runs.success) throw new KilnError(`${runs.error.issues[0].path.join('.')}: ${runs.error.issues[0].message}`, { file: `${file}: runs.json` });
  const data = inEntry(file, () => decodeData(entries, parseJson));
  const model = readModel(entries, file);
  const history = readHistory(entries, file);
  const checkpoint = entries['checkpoint.bin'] ? inEntry(`${file}: checkpoint.bin`, () => ({ bytes: entries['checkpoint.bin'], info: checkpointInfo(decodeCheckpoint(entries['checkpoint.bin'])) })) : null;
  // runs: checked above; its loose parts keep every field
  return { name: manifest.name.trim() || 'Imported project', createdAt: manifest.createdAt, spec: specResult.spec, data, model, runs: runs.data as unknown as RunRecord[], history: history ?? undefined, checkpoint: checkpoint ?? undefined };
}

function readManifest(value: unknown, file: string): ProjectManifest {
  const kind = (value as { format?: unknown })?.format;
  if (kind !== projectFormat.format) throw new KilnError("is not a Kiln project (kiln.json's format is not 'kiln-project')", { file });
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version > projectFormat.version) throw new KilnError(`was saved by a newer Kiln (project format ${version}; this one reads ${projectFormat.version}); update Kiln`, { file });
  const r = manifestSchema.safeParse(value);
  if (!r.success || r.data.version < 1) throw new KilnError(`kiln.json is not a valid manifest (${r.success ? 'version' : r.error.issues[0].path.join('.') + ': ' + r.error.issues[0].message})`, { file });
  return r.data;
}

/** Every entry listed, none extra, each with the size and SHA-256 the manifest records. */
async function checkFiles(entries: Entries, manifest: ProjectManifest, file: string): Promise<void> {
  for (const path of Object.keys(entries)) {
    if (path !== 'kiln.json' && !Object.hasOwn(manifest.files, path)) throw new KilnError('is not listed in kiln.json; the file was altered', { file: `${file}: ${path}` });
  }
  for (const [path, expected] of Object.entries(manifest.files)) {
    const entry = entries[path];
    const where = { file: `${file}: ${path}` };
    if (!entry) throw new KilnError('is listed in kiln.json but missing; the file is truncated or incomplete', where);
    if (entry.length !== expected.bytes) throw new KilnError(`holds ${entry.length} bytes; kiln.json says ${expected.bytes}: the file is damaged`, where);
    if ((await sha256Hex(entry)) !== expected.sha256) throw new KilnError('does not match its checksum in kiln.json: the file is damaged or was altered', where);
  }
}

/** The model directory, if any, with its preprocessing document checked (it is parsed, never run). */
function readModel(entries: Entries, file: string): ModelFiles | null {
  const model: ModelFiles = {};
  for (const [path, bytes] of Object.entries(entries)) if (path.startsWith('model/')) model[path.slice(6)] = bytes;
  if (Object.keys(model).length === 0) return null;
  for (const name of ['model.json', 'weights.bin', 'preprocessing.json']) {
    if (!model[name]) throw new KilnError(`model/${name} is missing: the model is incomplete`, { file });
  }
  inEntry(`${file}: model/preprocessing.json`, () => parseModelDoc(model['preprocessing.json'], 'preprocessing.json'));
  return model;
}

/** The model history's entries, checked as everything else is (model-history.ts); null when there is none. */
function readHistory(entries: Entries, file: string): Entries | null {
  const history = Object.fromEntries(Object.entries(entries).filter(([path]) => path === 'history.json' || path.startsWith('history/')));
  if (!inEntry(file, () => decodeHistory(history))) return null;
  return history;
}

function inEntry<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof KilnError) throw e.message.startsWith(file) ? e : new KilnError(e.message, { file });
    throw new KilnError(`could not be read (${(e as Error).message})`, { file });
  }
}
