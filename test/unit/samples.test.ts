import { existsSync, readFileSync, statSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/collect/csv.ts';
import type { Column, Table } from '../../src/core/collect/table.ts';
import { formatSize, samples } from '../../src/lib/samples.ts';
import type { ImageSample, TableSample } from '../../src/lib/samples.ts';

const publicDir = new URL('../../public/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, publicDir));
const tables = samples.filter((s): s is TableSample => s.kind === 'table');
const imageSets = samples.filter((s): s is ImageSample => s.kind === 'images');

const missing = (c: Column) =>
  c.type === 'numeric' ? c.values.filter(Number.isNaN).length : c.codes.filter((k) => k < 0).length;
const column = (t: Table, name: string) => t.columns.find((c) => c.name === name)!;

describe('sample catalogue', () => {
  it('has unique ids and a file in public/ for every entry', () => {
    expect(new Set(samples.map((s) => s.id)).size).toBe(samples.length);
    for (const s of samples) expect(existsSync(new URL(s.file, publicDir)), s.file).toBe(true);
  });

  it('states each file size to the nearest KB', () => {
    for (const s of samples) expect(s.sizeKB, s.file).toBe(Math.round(statSync(new URL(s.file, publicDir)).size / 1024));
  });

  it('names a licence and a one-line description for each, and lists each in LICENSES.md', () => {
    const licences = read('data/LICENSES.md').toString();
    for (const s of samples) {
      expect(s.licence.trim(), s.id).not.toBe('');
      expect(s.description, s.id).not.toMatch(/\n/);
      expect(licences, s.file).toContain(`\`${s.file.replace(/^data\//, '')}\``);
    }
  });

  it('formats sizes for people', () => {
    expect(formatSize(4)).toBe('4 KB');
    expect(formatSize(1135)).toBe('1.1 MB');
  });
});

describe.each(tables)('table sample $id', (sample) => {
  const table = parseCsv(read(sample.file).toString(), sample.file);

  it('parses with the catalogued rows, columns and label', () => {
    expect(table.rowCount).toBe(sample.rows);
    expect(table.columns).toHaveLength(sample.columns);
    expect(table.columns.map((c) => c.name)).toContain(sample.label);
    expect(table.warnings).toEqual([]);
  });
});

describe('penguins sample', () => {
  const table = parseCsv(read('data/penguins.csv').toString(), 'penguins.csv');

  it('keeps missing cells empty and has categorical columns', () => {
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['species', 'categorical'],
      ['island', 'categorical'],
      ['bill_length_mm', 'numeric'],
      ['bill_depth_mm', 'numeric'],
      ['flipper_length_mm', 'numeric'],
      ['body_mass_g', 'numeric'],
      ['sex', 'categorical'],
    ]);
    expect(missing(column(table, 'bill_length_mm'))).toBe(2);
    expect(missing(column(table, 'sex'))).toBe(11);
    expect(missing(column(table, 'species'))).toBe(0);
    const sex = column(table, 'sex');
    expect(sex.type === 'categorical' && [...sex.categories].sort()).toEqual(['female', 'male']);
  });
});

describe('cars sample', () => {
  const table = parseCsv(read('data/cars.csv').toString(), 'cars.csv');

  it('has a numeric label with a few missing values and a categorical Origin', () => {
    const label = column(table, 'Miles_per_Gallon');
    expect(label.type).toBe('numeric');
    expect(missing(label)).toBe(8);
    expect(column(table, 'Origin').type).toBe('categorical');
  });
});

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(png: Uint8Array): { width: number; height: number; bitDepth: number; colourType: number } | null {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((b, i) => png[i] === b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: png[24], colourType: png[25] };
}

describe.each(imageSets)('image sample $id', (sample) => {
  const files = unzipSync(read(sample.file));
  const pngs = Object.keys(files).filter((name) => !name.endsWith('/'));

  it('has one folder per class holding the catalogued number of images', () => {
    const folders = new Set(pngs.map((name) => name.split('/')[0]));
    expect(folders.size).toBe(sample.classes);
    expect(pngs).toHaveLength(sample.images);
    for (const name of pngs) expect(name, name).toMatch(/^[^/]+\/[^/]+\.png$/);
  });

  it('holds only PNGs of the catalogued size and channels', () => {
    const { width, height, channels } = sample.image;
    for (const name of pngs) {
      // Greyscale is colour type 0; RGB is 2.
      expect(pngSize(files[name]), name).toEqual({ width, height, bitDepth: 8, colourType: channels === 1 ? 0 : 2 });
    }
  });
});

describe('digits sample', () => {
  it("names its label 'class', as the loaded image set and the spec do", () => {
    expect(samples.filter((s) => s.kind === 'images').map((s) => s.label)).toEqual(['class']);
  });

  it('has the ten digits as class folders', () => {
    const names = Object.keys(unzipSync(read('data/digits.zip')));
    expect([...new Set(names.map((n) => n.split('/')[0]))].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});
