import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSet } from '../../../src/core/collect/image-set.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { loadImageFolder } from '../../../src/cli/images.ts';
import { runPredict } from '../../../src/cli/predict.ts';
import { loadPredictor, type Predictor } from '../../../workers/deploy/predictor.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';
import { writeModelDir } from '../deploy/predict/train-fixture.ts';

const timeout = 60_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const shapes = join(root, 'test/fixtures/images/shapes');
const image = { width: 12, height: 12, channels: 1 } as const; // not 16: the fixture's images get resized
const tmp = mkdtempSync(join(tmpdir(), 'kiln-predict-images-'));
const modelDir = join(tmp, 'model');
const classes = ['circle', 'square', 'triangle'];
let predictor: Predictor;
let fixture: ImageSet;
/** path → [prediction, ...probabilities] from the in-process predictor on kiln run's pixels. */
const expected = new Map<string, [string, number[]]>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  tf.env().set('PROD', true);
  fixture = await loadImageFolder(shapes, image);
  const checked = validateSpec({
    version: 1,
    data: { source: 'shapes', label: 'class', kind: 'images', image },
    split: { train: 0.34, validation: 0.33, test: 0.33 },
    model: { filters: [4] },
    train: { epochs: 2, batchSize: 4 },
    backend: 'cpu',
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const run = await trainOn(checked.spec, fixture, { backend: 'cpu' });
  const files = await run.files().finally(() => disposeModel(run.model));
  writeModelDir(modelDir, files);
  predictor = await loadPredictor(files);
  const out = predictor.predict(fixture.pixels, fixture.names.length);
  fixture.names.forEach((name, i) => {
    const p = Array.from(out.subarray(i * 3, i * 3 + 3));
    expected.set(name, [classes[p.indexOf(Math.max(...p))], p]);
  });
}, timeout);
afterAll(() => {
  predictor?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

/** Checks each good row against the in-process predictor and returns the rows by path. */
function checkRows(csv: string, prefix = ''): Map<string, Record<string, string>> {
  const [header] = csv.split('\n');
  expect(header).toBe('path,prediction,p_circle,p_square,p_triangle,error');
  const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
  const byPath = new Map(rows.map((r) => [r.path, r]));
  for (const [name, [prediction, p]] of expected) {
    const row = byPath.get(prefix + name)!;
    expect(row, name).toBeDefined();
    expect([row.prediction, row.error]).toEqual([prediction, '']);
    classes.forEach((c, k) => expect(Math.abs(Number(row[`p_${c}`]) - p[k])).toBeLessThan(1e-5));
  }
  return byPath;
}

const notAnImage = 'not a PNG, JPEG, WebP, GIF or BMP file, whatever its name says';

describe('kiln predict on an image model', () => {
  it('predicts a folder with one row per image, matching the in-process predictor; a corrupt file gets an error row', async () => {
    const input = join(tmp, 'folder');
    cpSync(shapes, input, { recursive: true });
    writeFileSync(join(input, 'square', 'broken.png'), 'this is not a PNG');
    writeFileSync(join(input, 'notes.txt'), 'not an image, so no row');
    const out = join(tmp, 'folder.csv');
    // The real command, in batches of 4 so the 10 images take three decode → predict steps.
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['bin/kiln.js', 'predict', modelDir, input, '--out', out, '--batch', '4'], { cwd: root, timeout }, (e, so, se) => (e ? reject(new Error(se)) : resolve(so))),
    );
    expect(stdout).toMatch(/^predicted 10 rows \(1 with errors\)/);
    const csv = readFileSync(out, 'utf8');
    const rows = checkRows(csv);
    expect([...rows.keys()]).toEqual(['circle/1.png', 'circle/2.png', 'circle/3.png', 'square/1.png', 'square/2.png', 'square/3.png', 'square/broken.png', 'triangle/1.png', 'triangle/2.png', 'triangle/3.jpg']);
    expect(rows.get('square/broken.png')).toEqual({ path: 'square/broken.png', prediction: '', p_circle: '', p_square: '', p_triangle: '', error: notAnImage });
    expect(readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, timeout);

  it('predicts a zip the same way, and a damaged entry costs only its own row', async () => {
    const entries: Record<string, Uint8Array> = { 'new/broken.jpg': new TextEncoder().encode('nope') };
    for (const name of fixture.names) entries[`new/${name}`] = new Uint8Array(readFileSync(join(shapes, name)));
    const zip = join(tmp, 'new.zip');
    writeFileSync(zip, zipSync(entries));
    const out = join(tmp, 'zip.csv');
    const summary = await runPredict({ kind: 'predict', modelDir, input: zip, out, batch: 4096, verbose: false });
    expect([summary.rows, summary.errors]).toEqual([10, 1]);
    const rows = checkRows(readFileSync(out, 'utf8'), 'new/');
    expect(rows.get('new/broken.jpg')?.error).toBe(notAnImage);
  }, timeout);

  it('stops between batches when cancelled, keeping no output', async () => {
    const out = join(tmp, 'stopped.csv');
    const stop = new AbortController();
    stop.abort();
    await expect(runPredict({ kind: 'predict', modelDir, input: shapes, out, batch: 2, verbose: false }, stop.signal)).rejects.toThrow('shapes: stopped before the end; no output was kept');
    expect(readdirSync(tmp).filter((f) => f.startsWith('stopped'))).toEqual([]);
  });

  it('refuses a CSV for an image model and leaves no output', async () => {
    const csv = join(tmp, 'rows.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const out = join(tmp, 'refused.csv');
    await expect(runPredict({ kind: 'predict', modelDir, input: csv, out, batch: 16, verbose: false })).rejects.toThrow(
      'rows.csv: this is an image model; give it a folder of images, a .zip of them or one image file',
    );
    expect(readdirSync(tmp).filter((f) => f.startsWith('refused'))).toEqual([]);
  });
});
