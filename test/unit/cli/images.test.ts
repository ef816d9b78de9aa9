import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'kiln-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(name: string, body: object): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ version: 1, ...body }));
  return path;
}

describe('kiln run on images', () => {
  it('trains a CNN on a folder of class folders and writes image predictions', async () => {
    const path = spec('folder', {
      data: { source: resolve('test/fixtures/images/shapes'), label: 'class', image: { width: 16, height: 16, channels: 1 } },
      split: { train: 0.34, validation: 0.33, test: 0.33 },
      model: { filters: [4] },
      train: { epochs: 2, batchSize: 4, learningRate: 0.005 },
    });
    const out = join(dir, 'folder-out');
    await run('node', ['bin/kiln.js', 'run', path, '--out', out], { timeout: 60_000 });
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.task).toBe('classification');
    expect(metrics.split).toEqual({ train: 3, validation: 3, test: 3 });
    const lines = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,label,prediction,p_circle,p_square,p_triangle');
    expect(lines).toHaveLength(4);
    const pre = JSON.parse(readFileSync(join(out, 'model', 'preprocessing.json'), 'utf8'));
    expect(pre).toMatchObject({ kind: 'images', width: 16, height: 16, channels: 1, classes: ['circle', 'square', 'triangle'] });
    const model = JSON.parse(readFileSync(join(out, 'model', 'model.json'), 'utf8'));
    const weights = model.weightsManifest[0].weights.reduce((n: number, w: { shape: number[] }) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(readFileSync(join(out, 'model', 'weights.bin')).byteLength).toBe(weights * 4);
  }, 60_000);

  it('generates the shapes sample when the source is "shapes"', async () => {
    const path = spec('shapes', {
      data: { source: 'shapes', label: 'class', kind: 'images', image: { width: 12, height: 12, channels: 1 } },
      model: { filters: [4] },
      train: { epochs: 1, batchSize: 32, learningRate: 0.005 },
    });
    const out = join(dir, 'shapes-out');
    await run('node', ['bin/kiln.js', 'run', path, '--out', out], { timeout: 120_000 });
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    // 100 per class, stratified 70/15/15.
    expect(metrics.split).toEqual({ train: 210, validation: 45, test: 45 });
    expect(metrics.test.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(45);
  }, 120_000);
});
