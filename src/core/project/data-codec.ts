import { z } from 'zod';
import type { ImageSet } from '../collect/image-set.ts';
import type { Column, Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';

/** Zip entries by path: what a project's data becomes inside a .kiln file. */
export type Entries = Record<string, Uint8Array>;

// Columns are stored as their typed arrays' bytes: exact (NaN, -0, every float bit) and ~8 bytes a
// cell before deflate, where CSV text would round-trip through parsing again. Little-endian only.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const tableHeader = z.object({
  kind: z.literal('table'),
  source: z.string().max(4096),
  rowCount: z.number().int().min(0).max(200_000_000),
  warnings: z.array(z.string().max(10_000)).max(10_000),
  lines: z.boolean(),
  columns: z.array(z.object({ name: z.string().max(1000), type: z.enum(['numeric', 'categorical']), categories: z.array(z.string()).optional() })).max(100_000),
});

const imagesHeader = z.object({
  kind: z.literal('images'),
  source: z.string().max(4096),
  width: z.number().int().min(1).max(4096),
  height: z.number().int().min(1).max(4096),
  channels: z.union([z.literal(1), z.literal(3)]),
  classes: z.array(z.string().max(1000)).min(1).max(100_000),
  names: z.array(z.string().max(4096)),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
});

/** The entries a table or image set is stored as, under data/. */
export function encodeData(data: Table | ImageSet): Entries {
  if (!littleEndian) throw new KilnError('saving data needs a little-endian machine');
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  if ('columns' in data) {
    const entries: Entries = {};
    const columns = data.columns.map((c, i) => {
      entries[`data/columns/${i}.bin`] = bytesOf(c.type === 'numeric' ? c.values : c.codes);
      return c.type === 'numeric' ? { name: c.name, type: c.type } : { name: c.name, type: c.type, categories: c.categories };
    });
    if (data.lines) entries['data/lines.bin'] = bytesOf(data.lines);
    entries['data/table.json'] = json({ kind: 'table', source: data.source, rowCount: data.rowCount, warnings: data.warnings, lines: !!data.lines, columns });
    return entries;
  }
  const { source, width, height, channels, classes, names, skipped, warnings } = data;
  return {
    'data/images.json': json({ kind: 'images', source, width, height, channels, classes, names, skipped, warnings }),
    'data/labels.bin': bytesOf(data.labels),
    'data/pixels.bin': data.pixels.slice(), // a copy: callers may transfer the entries
  };
}

/** The table or image set stored in `entries`, checked cell by cell; null when the project has none. */
export function decodeData(entries: Entries, parseJson: (path: string) => unknown): Table | ImageSet | null {
  if (entries['data/table.json']) return decodeTable(entries, parseJson('data/table.json'));
  if (entries['data/images.json']) return decodeImages(entries, parseJson('data/images.json'));
  return null;
}

function decodeTable(entries: Entries, value: unknown): Table {
  const h = parseHeader(tableHeader, value, 'data/table.json');
  const columns = h.columns.map((c, i): Column => {
    const path = `data/columns/${i}.bin`;
    const bytes = sized(entries, path, h.rowCount * (c.type === 'numeric' ? 8 : 4));
    if (c.type === 'numeric') return { name: c.name, type: 'numeric', values: new Float64Array(copy(bytes)) };
    const categories = c.categories ?? [];
    const codes = new Int32Array(copy(bytes));
    const bad = codes.findIndex((code) => code < -1 || code >= categories.length);
    if (bad >= 0) throw new KilnError(`row ${bad + 1} has category code ${codes[bad]}, but the column has ${categories.length} categories`, { file: path });
    return { name: c.name, type: 'categorical', categories, codes };
  });
  const table: Table = { source: h.source, rowCount: h.rowCount, columns, warnings: h.warnings };
  if (h.lines) table.lines = new Int32Array(copy(sized(entries, 'data/lines.bin', h.rowCount * 4)));
  return table;
}

function decodeImages(entries: Entries, value: unknown): ImageSet {
  const { kind: _, ...h } = parseHeader(imagesHeader, value, 'data/images.json');
  const count = h.names.length;
  const labels = new Int32Array(copy(sized(entries, 'data/labels.bin', count * 4)));
  const bad = labels.findIndex((l) => l < 0 || l >= h.classes.length);
  if (bad >= 0) throw new KilnError(`image ${bad + 1} has class ${labels[bad]}, but there are ${h.classes.length} classes`, { file: 'data/labels.bin' });
  const pixels = sized(entries, 'data/pixels.bin', count * h.width * h.height * h.channels).slice();
  return { ...h, labels, pixels };
}

function parseHeader<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new KilnError(`${issue.path.join('.') || '(document)'}: ${issue.message}`, { file });
}

/** The entry at `path`, which must hold exactly `bytes` bytes. */
function sized(entries: Entries, path: string, bytes: number): Uint8Array {
  const entry = entries[path];
  if (!entry) throw new KilnError('is missing from the project file', { file: path });
  if (entry.length !== bytes) throw new KilnError(`holds ${entry.length} bytes; its header says ${bytes}`, { file: path });
  return entry;
}

/** An aligned copy: zip entries start at any byte offset, typed arrays need whole elements. */
function copy(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function bytesOf(a: Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}
