import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultChunkSize, ingestCsv } from '../core/collect/csv-ingest.ts';
import { checkLabel } from '../core/collect/csv-label.ts';
import { isHttpUrl } from '../core/collect/csv-url.ts';
import type { ImageSet } from '../core/collect/image-set.ts';
import { generateShapes } from '../core/collect/images/shapes.ts';
import type { Table } from '../core/collect/table.ts';
import { KilnError } from '../core/errors.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import { unpackProject } from '../core/project/kiln-file.ts';
import { openUrl } from '../../workers/collect/csv-fetch.ts';
import { loadImageFolder } from './images.ts';

/**
 * Loads what `data.source` names, as `trainOn` takes it: a CSV (path or URL) as a Table, a folder
 * or zip of class folders, or `shapes`, as an ImageSet. Warnings and skipped images go to stderr.
 */
export async function loadTrainingData(spec: PipelineSpec, specDir: string): Promise<Table | ImageSet> {
  if ((await sourceKind(spec, specDir)) === 'table') {
    const table = await readSourceTable(spec.data.source, specDir);
    checkLabel(table, spec.data.label);
    for (const warning of table.warnings) console.error(`kiln: warning: ${table.source}: ${warning}`);
    return table;
  }
  const images =
    spec.data.source === 'shapes'
      ? generateShapes({ ...spec.data.image, seed: spec.seed })
      : await loadImageFolder(resolve(specDir, spec.data.source), spec.data.image);
  for (const s of images.skipped) console.error(`kiln: skipped ${s.name}: ${s.reason}`);
  for (const w of images.warnings) console.error(`kiln: warning: ${w}`);
  return images;
}

/** `images` for the generated shapes, a directory or a .zip (or when the spec says so); otherwise a table. */
async function sourceKind(spec: PipelineSpec, specDir: string): Promise<'table' | 'images'> {
  if (spec.data.kind !== 'auto') return spec.data.kind;
  const source = spec.data.source;
  if (source === 'shapes' || /\.zip$/i.test(source)) return 'images';
  if (/^https?:\/\//i.test(source)) return 'table';
  const info = await stat(resolve(specDir, source)).catch(() => null);
  return info?.isDirectory() ? 'images' : 'table';
}

/**
 * Reads a spec's `data.source` into a Table: an http(s) URL (downloaded as it streams) or a path
 * relative to the spec's folder (read in 256 KiB chunks). Either way the bytes go through the same
 * streaming parser as in the browser, so a big file is never held whole, let alone twice.
 *
 * await readSourceTable('iris.csv', 'examples') // → Table named 'iris.csv'
 */
export async function readSourceTable(source: string, specDir: string): Promise<Table> {
  if (isHttpUrl(source)) {
    const { name, total, chunks } = await openUrl(source, new AbortController().signal, describeFailure);
    return ingestCsv(chunks, { source: name, total });
  }
  const path = resolve(specDir, source);
  const info = await stat(path).catch(() => null);
  if (!info) throw new KilnError(`data file not found (looked for ${path})`, { file: source });
  if (!info.isFile()) throw new KilnError(`is not a file (looked at ${path})`, { file: source });
  return ingestCsv(createReadStream(path, { highWaterMark: defaultChunkSize }), { source, total: info.size });
}

/** Node's fetch hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, ...). */
function describeFailure(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `could not download it (${cause?.code ?? cause?.message ?? error.message}); check the address and the network`;
}

/**
 * A .kiln project's spec and the data bundled in it, checked as the page checks an import. A
 * project exported without its data (bundled: null) loads `data.source` as a bare spec would.
 */
export async function loadProjectFile(path: string): Promise<{ spec: PipelineSpec; bundled: Table | ImageSet | null }> {
  const bytes = await readFile(path).catch(() => {
    throw new KilnError('project file not found', { file: path });
  });
  const project = await unpackProject(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path);
  const data = project.data;
  if (data && 'columns' in data) checkLabel(data, project.spec.data.label);
  for (const warning of data?.warnings ?? []) console.error(`kiln: warning: ${data!.source}: ${warning}`);
  return { spec: project.spec, bundled: data };
}
