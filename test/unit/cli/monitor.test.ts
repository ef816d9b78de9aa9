import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.ts';
import type { MonitorReport } from '../../../src/core/monitor/protocol.ts';
import { penguinsHeader, penguinsRows, trainFixture, writeModelDir } from '../deploy/predict/train-fixture.ts';

const timeout = 60_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kiln-monitor-'));
const modelDir = join(tmp, 'model');
let testAccuracy = 0;

function kiln(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kiln.js', ...args], { cwd: root, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function put(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Penguins rows as CSV, each row's cells passed through `edit` (column name → cell). */
function penguinsCsv(header: string[], edit: (row: Record<string, string>, i: number) => Record<string, string> = (r) => r): string {
  const lines = penguinsRows.map((cells, i) => {
    const row = edit(Object.fromEntries(penguinsHeader.map((h, c) => [h, cells[c]])), i);
    return header.map((h) => row[h] ?? '').join(',');
  });
  return [header.join(','), ...lines].join('\n') + '\n';
}

beforeAll(async () => {
  const { files, result } = await trainFixture();
  testAccuracy = result.test.task === 'classification' ? result.test.metrics.accuracy : NaN;
  writeModelDir(modelDir, files);
}, timeout);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kiln monitor', () => {
  it('trained models carry the baseline: statistics.json and constraints.json of the training rows, baseline.json', () => {
    const statistics = json(join(modelDir, 'statistics.json'));
    expect(statistics.features.map((f: { name: string }) => f.name).sort()).toEqual(['bill_depth_mm', 'bill_length_mm', 'body_mass_g', 'flipper_length_mm', 'island', 'sex']);
    expect(statistics.dataset.item_count).toBeGreaterThan(150);
    expect(statistics.dataset.item_count).toBeLessThan(344);
    const constraints = json(join(modelDir, 'constraints.json'));
    expect(constraints.features.find((f: { name: string }) => f.name === 'island').string_constraints.domains.sort()).toEqual(['Biscoe', 'Dream', 'Torgersen']);
    const own = json(join(modelDir, 'baseline.json'));
    expect(own).toMatchObject({ format: 'kiln-monitor-baseline', version: 1, kind: 'table', task: 'classification', label: 'species', classes: ['Adelie', 'Chinstrap', 'Gentoo'] });
    expect(own.metric).toEqual({ name: 'accuracy', value: testAccuracy, higherIsBetter: true, target: null, positiveClass: null });
  });

  it('parses its arguments, thresholds included', () => {
    expect(parseArgs(['monitor', 'm', 'b.csv', '--out', 'o', '--psi', '0.3', '--ks-p', '0.001'])).toEqual({
      kind: 'monitor',
      modelDir: 'm',
      input: 'b.csv',
      out: 'o',
      batch: 4096,
      thresholds: { psi: 0.3, ksPValue: 0.001 },
      verbose: false,
    });
    expect(() => parseArgs(['monitor', 'm', 'b.csv'])).toThrow('missing --out <dir>: kiln monitor <model-dir> <batch.csv> --out <dir>');
    expect(() => parseArgs(['monitor', 'm', 'b.csv', '--out', 'o', '--psi', 'high'])).toThrow("--psi must be a number of 0 or more (got 'high')");
  });

  it('checks a bad, drifted, labelled batch: every violation in violations.json, scores in drift.json, exit 0', async () => {
    // No bill_depth_mm, an extra `notes`, text in body_mass_g, flippers 25 mm longer, and a new species.
    const header = ['species', 'island', 'bill_length_mm', 'flipper_length_mm', 'body_mass_g', 'sex', 'notes'];
    const text = penguinsCsv(header, (r, i) => ({
      ...r,
      species: i % 10 === 0 ? 'Emperor' : r.species,
      flipper_length_mm: r.flipper_length_mm ? String(Number(r.flipper_length_mm) + 25) : '',
      body_mass_g: i % 4 === 0 ? 'heavy' : r.body_mass_g,
      notes: `n${i}`,
    }));
    const out = join(tmp, 'bad-out');
    const run = await kiln('monitor', modelDir, put('bad.csv', text), '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const violations = json(join(out, 'violations.json')).violations as { feature_name: string; constraint_check_type: string; description: string }[];
    expect(violations.map((v) => [v.feature_name, v.constraint_check_type]).sort()).toEqual(
      [
        ['bill_depth_mm', 'missing_column_check'],
        ['body_mass_g', 'data_type_check'],
        ['notes', 'extra_column_check'],
        ['flipper_length_mm', 'baseline_drift_check'],
        ['species', 'categorical_values_check'],
      ].sort(),
    );
    expect(violations.find((v) => v.feature_name === 'species')!.description).toContain("'Emperor' (35 rows)");
    expect(violations.find((v) => v.constraint_check_type === 'data_type_check')!.description).toMatch(/^86 of 34\d values are not numbers \('heavy' \(86\)\)/);

    const drift = json(join(out, 'drift.json')) as MonitorReport;
    expect(drift.rows).toBe(344);
    const flipper = drift.features.find((f) => f.feature === 'flipper_length_mm')!;
    expect(flipper.drifted).toBe(true);
    expect(flipper.ks!.statistic).toBeGreaterThan(0.4);
    expect(flipper.ks!.pValue).toBeLessThan(1e-10);
    expect(drift.features[0].feature).toBe('flipper_length_mm'); // highest PSI first
    expect(drift.features.filter((f) => f.drifted).map((f) => f.feature)).toEqual(['flipper_length_mm']);
    expect(drift.prediction).toMatchObject({ feature: 'prediction', type: 'categorical' });
    expect(drift.concept).toMatchObject({ metric: 'accuracy', baseline: testAccuracy, higherIsBetter: true, target: null });
    expect(drift.retrainAdvised).toBe(true);
    expect(drift.thresholds).toEqual({ psi: 0.2, ksPValue: 0.01, ksStatistic: 0.1, chiSquarePValue: 0.01, metricDrop: 0.05 });
    expect(run.stdout).toMatch(/^checked 344 rows: 5 violations, 1 of 5 features drifted, predictions (drifted|stable), accuracy [\d.]+ \(baseline [\d.]+\)/);
    expect(run.stdout).toContain('retraining advised');
  }, timeout);

  it('finds nothing on the training data itself', async () => {
    const out = join(tmp, 'same-out');
    const run = await kiln('monitor', modelDir, put('same.csv', penguinsCsv(penguinsHeader)), '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(json(join(out, 'violations.json'))).toEqual({ violations: [] });
    const drift = json(join(out, 'drift.json')) as MonitorReport;
    expect(drift.features.map((f) => f.feature).sort()).toEqual(['bill_depth_mm', 'bill_length_mm', 'body_mass_g', 'flipper_length_mm', 'island', 'sex']);
    expect(drift.features.every((f) => !f.drifted)).toBe(true);
    expect(drift.concept!.batch).toBeGreaterThan(0);
  }, timeout);

  it('refuses unusable input with a clear message and exit 1', async () => {
    const empty = await kiln('monitor', modelDir, put('empty.csv', ''), '--out', join(tmp, 'x'));
    expect([empty.code, empty.stderr.trim()]).toEqual([1, 'kiln: empty.csv: the file is empty']);
    const noBaseline = join(tmp, 'old-model');
    writeModelDir(noBaseline, Object.fromEntries(['model.json', 'weights.bin', 'preprocessing.json'].map((n) => [n, new Uint8Array(readFileSync(join(modelDir, n)))])));
    const old = await kiln('monitor', noBaseline, join(tmp, 'same.csv'), '--out', join(tmp, 'y'));
    expect(old.code).toBe(1);
    expect(old.stderr.trim()).toBe(`kiln: ${noBaseline}/statistics.json: is missing; the model folder has no monitoring baseline. Retrain with this Kiln ('kiln run' writes it into model/)`);
  }, timeout);
});
