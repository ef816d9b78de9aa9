import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'kiln-cv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kiln run with k-fold cross-validation', () => {
  it('scores one model per fold on its held-out rows and reports mean ± std', async () => {
    const spec = join(dir, 'cv.json');
    const data = { source: resolve('public/data/iris.csv'), label: 'species' };
    writeFileSync(spec, JSON.stringify({ version: 1, data, split: { folds: 5 }, train: { epochs: 20 } }));
    const { stderr } = await run('node', ['bin/kiln.js', 'run', spec, '--out', dir], { timeout: 90_000 });
    expect(stderr.match(/^kiln: fold \d\/5 /gm)).toHaveLength(5);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    const cv = metrics.crossValidation;
    expect(cv.folds).toBe(5);
    const acc = cv.metrics.accuracy;
    expect(acc.values).toHaveLength(5);
    const mean = acc.values.reduce((a: number, b: number) => a + b, 0) / 5;
    const std = Math.sqrt(acc.values.reduce((a: number, v: number) => a + (v - mean) ** 2, 0) / 4);
    expect(acc.mean).toBeCloseTo(mean, 12);
    expect(acc.std).toBeCloseTo(std, 12);
    expect(acc.mean).toBeGreaterThan(0.8);
    // The final model still trains on the usual split, and the test split stays out of the folds.
    expect(metrics.split).toEqual({ train: 105, validation: 22, test: 23 });
  }, 90_000);
});
