import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { packProject } from '../../../src/core/project/kiln-file.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';

const timeout = 60_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kiln-project-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function kiln(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kiln.js', ...args], { cwd: root, timeout }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }));
  });
}

const settings = { label: 'species', model: { hidden: [8] }, train: { epochs: 8, batchSize: 16, learningRate: 0.02 } };
function specFor(source: string) {
  const r = validateSpec({ version: 1, backend: 'cpu', data: { source, label: settings.label }, model: settings.model, train: settings.train });
  if (!r.ok) throw new Error('bad spec');
  return r.spec;
}

describe('kiln run project.kiln', () => {
  it('trains on the data bundled in the project, to the same metrics as the bare spec on the file', async () => {
    const iris = parseCsv(readFileSync(join(root, 'public/data/iris.csv'), 'utf8'), 'iris.csv');
    // The spec names a file that does not exist here: the run must use the bundled table.
    const bytes = await packProject({ name: 'Iris', createdAt: new Date().toISOString(), spec: specFor('gone/iris.csv'), data: iris, model: null, runs: [] });
    writeFileSync(join(tmp, 'iris.kiln'), bytes);
    writeFileSync(join(tmp, 'iris.json'), JSON.stringify(specFor(join(root, 'public/data/iris.csv'))));
    const [fromProject, fromSpec] = await Promise.all([kiln('run', join(tmp, 'iris.kiln'), '--out', join(tmp, 'a')), kiln('run', join(tmp, 'iris.json'), '--out', join(tmp, 'b'))]);
    expect(fromProject.code, fromProject.stderr).toBe(0);
    expect(fromSpec.code, fromSpec.stderr).toBe(0);
    const metrics = (dir: string) => JSON.parse(readFileSync(join(tmp, dir, 'metrics.json'), 'utf8'));
    expect(metrics('a').test.accuracy).toBeGreaterThan(0.5);
    expect(metrics('a').test).toEqual(metrics('b').test);
    expect(readFileSync(join(tmp, 'a', 'predictions.csv'), 'utf8')).toBe(readFileSync(join(tmp, 'b', 'predictions.csv'), 'utf8'));
  }, timeout);

  it('refuses a damaged project file in one line, naming it', async () => {
    const bytes = await packProject({ name: 'Iris', createdAt: new Date().toISOString(), spec: specFor('iris.csv'), data: null, model: null, runs: [] });
    const path = join(tmp, 'cut.kiln');
    writeFileSync(path, bytes.slice(0, bytes.length - 30));
    const run = await kiln('run', path, '--out', join(tmp, 'c'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`kiln: ${path}: is damaged or truncated (invalid zip data); export the project again\n`);
  }, timeout);
});
