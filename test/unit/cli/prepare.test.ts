import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'kiln-prepare-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('kiln run with prepare steps', () => {
  it('fits the steps on the training rows and ships them with the model', async () => {
    await run('node', ['bin/kiln.js', 'run', 'examples/iris-prepared.json', '--out', out], { timeout: 60_000 });
    const pre = JSON.parse(readFileSync(join(out, 'model', 'preprocessing.json'), 'utf8'));
    // dropDuplicates runs before the split and is not a fitted step; the other three are.
    expect(pre.prepare.map((s: { op: string }) => s.op)).toEqual(['derive', 'transform', 'scale']);
    expect(pre.fields).toEqual(['petal_length', 'petal_width', 'sepal_length', 'sepal_width']);
    expect(pre.inputs).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'petal_area']);
    const scale = pre.prepare[2].columns;
    expect(Object.keys(scale)).toContain('petal_area');
    // Robust scaling centres on the training median, which lies inside the data's range.
    expect(scale.sepal_length.center).toBeGreaterThan(4.3);
    expect(scale.sepal_length.center).toBeLessThan(7.9);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    // Iris has one duplicated row, so 149 rows are split.
    expect(metrics.split.train + metrics.split.validation + metrics.split.test).toBe(149);
    expect(metrics.test.accuracy).toBeGreaterThanOrEqual(0.85);
    const rows = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n').slice(1);
    const ids = rows.map((r) => Number(r.split(',')[0]));
    expect(ids.every((id) => id >= 0 && id < 150)).toBe(true);
  }, 60_000);
});
