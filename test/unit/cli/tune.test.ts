import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'kiln-tune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = { source: resolve('public/data/iris.csv'), label: 'species' };

describe('kiln run with a tuning section', () => {
  it('prints a line per trial, writes trials.json and metrics.json from the retrained best', async () => {
    const spec = join(dir, 'tune.json');
    const space = { 'train.learningRate': { type: 'continuous', min: 0.005, max: 0.1, scale: 'log' }, 'model.dropout': { type: 'categorical', values: [0, 0.95] } };
    const tuning = { strategy: 'random', maxTrials: 3, objective: 'validation.f1Macro', seed: 7, space };
    writeFileSync(spec, JSON.stringify({ version: 1, data, model: { hidden: [8] }, train: { epochs: 2 }, tuning }));
    const out = join(dir, 'out');
    const { stderr } = await run('node', ['bin/kiln.js', 'run', spec, '--out', out], { timeout: 60_000 });
    expect(stderr.match(/^kiln: trial \d\/3 (completed|failed) /gm)).toHaveLength(3);

    const trials = JSON.parse(readFileSync(join(out, 'trials.json'), 'utf8'));
    expect(trials).toMatchObject({ strategy: 'random', objective: 'validation.f1Macro', direction: 'maximize', maxTrials: 3, stopped: false });
    expect(trials.space['model.dropout']).toEqual(space['model.dropout']);
    expect(trials.trials.map((t: { id: number }) => t.id)).toEqual([1, 2, 3]);
    for (const t of trials.trials) {
      expect(Object.keys(t.hyperparameters)).toEqual(['train.learningRate', 'model.dropout']);
      expect(typeof t.ms).toBe('number');
      // dropout 0.95 is outside the spec's range: that trial fails, with no objective and no epochs.
      if (t.hyperparameters['model.dropout'] === 0.95) expect(t).toMatchObject({ status: 'failed', objective: null, epochs: 0 });
      else expect(t).toMatchObject({ status: 'completed', epochs: 2 });
    }
    const done = trials.trials.filter((t: { status: string }) => t.status === 'completed');
    const best = trials.trials.find((t: { id: number }) => t.id === trials.bestId);
    expect(best.objective).toBe(Math.max(...done.map((t: { objective: number }) => t.objective)));

    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.epochs).toBe(2);
    expect(metrics.validation.f1Macro).toBe(best.objective); // the retrained best scores what its trial did
    expect(existsSync(join(out, 'model', 'model.json'))).toBe(true);
    expect(stderr).toContain(`kiln: retraining with trial ${trials.bestId}'s hyperparameters`);
  }, 60_000);

  it('refuses a spec with no validation split, naming split.validation', async () => {
    const spec = join(dir, 'no-val.json');
    writeFileSync(spec, JSON.stringify({ version: 1, data, split: { train: 0.8, validation: 0, test: 0.2 }, tuning: { maxTrials: 2 } }));
    const failed = await run('node', ['bin/kiln.js', 'run', spec, '--out', join(dir, 'nv')]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^kiln: split\.validation: is 0, but tuning compares trials on the validation split/m);
  }, 30_000);
});
