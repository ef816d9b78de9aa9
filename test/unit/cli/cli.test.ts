import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { cellText, findColumn } from '../../../src/core/collect/table.ts';
import { scoreClassification } from '../../../src/core/evaluate/score-classification.ts';
import { defaultSpec } from '../../../src/core/spec/validate.ts';
import { planRun } from '../../../src/core/train/plan.ts';

// Each run starts tsx and TF.js in a fresh process; iris on the CPU takes about 3 s.
const timeout = 60_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const irisPath = join(root, 'public/data/iris.csv');
const iris = parseCsv(readFileSync(irisPath, 'utf8'), 'iris.csv');
const tmp = mkdtempSync(join(tmpdir(), 'kiln-cli-'));

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/kiln.js …args` from the project root; resolves with the exit code instead of rejecting. */
function kiln(...args: string[]): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kiln.js', ...args], { cwd: root, timeout }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Writes `content` (JSON-encoded unless a string) into the temp folder and returns its path. */
function put(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const csvRows = (text: string) => text.trimEnd().split('\n').map((line) => line.split(','));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kiln run examples/iris.json', () => {
  const out = join(tmp, 'iris');
  let run: Exit;
  beforeAll(async () => {
    run = await kiln('run', 'examples/iris.json', '--out', out);
  }, timeout);

  it('exits 0 and prints the test metrics on stdout', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^test: accuracy \d\.\d{4}, /);
  });

  it('writes metrics.json for a CPU classification run', () => {
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.task).toBe('classification');
    expect(metrics.backend).toBe('cpu');
    expect(metrics.split).toEqual({ train: 105, validation: 22, test: 23 });
    // Early stopping is on by default: 200 epochs is a ceiling.
    expect(metrics.epochs).toBeGreaterThan(10);
    expect(metrics.epochs).toBeLessThanOrEqual(200);
    expect(metrics.test.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(metrics.test.f1Macro).toBeGreaterThanOrEqual(0);
    expect(metrics.test.f1Macro).toBeLessThanOrEqual(1);
    expect(metrics.test.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it("writes permutation importance of the raw columns, scored on validation by the goal's metric", () => {
    const { featureImportance: fi, validation } = readJson(join(out, 'metrics.json'));
    expect(fi.metric).toBe('f1Macro'); // examples/iris.json's goal
    expect(fi.split).toBe('validation');
    // The unshuffled score is the validation score metrics.json reports.
    expect(fi.baseline).toBeCloseTo(validation.f1Macro, 12);
    expect(fi.columns.map((c: { name: string }) => c.name).sort()).toEqual(['petal_length', 'petal_width', 'sepal_length', 'sepal_width']);
    const means = fi.columns.map((c: { mean: number }) => c.mean);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    for (const c of fi.columns) expect(c.drops).toHaveLength(5);
  });

  it('writes one predictions.csv row per test row, aligned with the source file', () => {
    const [header, ...rows] = csvRows(readFileSync(join(out, 'predictions.csv'), 'utf8'));
    expect(header).toEqual(['row', 'label', 'prediction', 'p_setosa', 'p_versicolor', 'p_virginica']);
    expect(rows).toHaveLength(23);
    const species = findColumn(iris, 'species')!;
    const indices = rows.map((r) => Number(r[0]));
    for (const [i, row] of rows.entries()) {
      expect(Number.isInteger(indices[i]) && indices[i] >= 0 && indices[i] < 150, `row ${row[0]}`).toBe(true);
      expect(row[1]).toBe(cellText(species, indices[i]));
      expect(['setosa', 'versicolor', 'virginica']).toContain(row[2]);
      const sum = row.slice(3).reduce((a, p) => a + Number(p), 0);
      expect(Math.abs(sum - 1), `probabilities of row ${row[0]}`).toBeLessThanOrEqual(1e-3);
    }
    expect(new Set(indices).size).toBe(23);
    // The CLI tests exactly the rows the pure planner puts in the test split.
    const plan = planRun(defaultSpec('iris.csv', 'species'), iris);
    expect([...indices].sort((a, b) => a - b)).toEqual(plan.split.test);
    // And metrics.json scores exactly these predictions.
    const correct = rows.filter((r) => r[1] === r[2]).length;
    expect(readJson(join(out, 'metrics.json')).test.accuracy).toBeCloseTo(correct / 23, 12);
  });

  it('writes probabilities from which every test metric in metrics.json recomputes exactly', () => {
    const [header, ...rows] = csvRows(readFileSync(join(out, 'predictions.csv'), 'utf8'));
    const classes = header.slice(3).map((h) => h.slice(2));
    const again = scoreClassification(
      rows.map((r) => classes.indexOf(r[1])),
      rows.flatMap((r) => r.slice(3).map(Number)),
      classes,
    );
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.test).toEqual(JSON.parse(JSON.stringify(again)));
    expect(Object.keys(metrics.validation)).toEqual(Object.keys(again));
  });

  it('exports a TF.js layers model whose weights.bin matches its manifest', () => {
    const model = readJson(join(out, 'model/model.json'));
    expect(model.format).toBe('layers-model');
    expect(model.weightsManifest).toHaveLength(1);
    expect(model.weightsManifest[0].paths).toEqual(['weights.bin']);
    const specs: { shape: number[]; dtype: string }[] = model.weightsManifest[0].weights;
    expect(new Set(specs.map((s) => s.dtype))).toEqual(new Set(['float32']));
    const elements = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    expect(elements).toBe(4 * 16 + 16 + 16 * 3 + 3); // 4 inputs → 16 hidden → 3 classes
    expect(readFileSync(join(out, 'model/weights.bin')).byteLength).toBe(4 * elements);
  });

  it('exports preprocessing.json with the classes and inputs', () => {
    const pre = readJson(join(out, 'model/preprocessing.json'));
    expect(pre.task).toBe('classification');
    expect(pre.label).toBe('species');
    expect(pre.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(pre.inputs).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
  });

  it(
    'writes an identical predictions.csv when the same spec runs again',
    async () => {
      const again = join(tmp, 'iris-again');
      const second = await kiln('run', 'examples/iris.json', '--out', again);
      expect(second.code, second.stderr).toBe(0);
      expect(readFileSync(join(again, 'predictions.csv'), 'utf8')).toBe(readFileSync(join(out, 'predictions.csv'), 'utf8'));
    },
    timeout,
  );
});

describe('kiln run with other inputs', () => {
  it(
    'trains on the CPU when asked with --backend cpu',
    async () => {
      const out = join(tmp, 'iris-cpu');
      const run = await kiln('run', 'examples/iris.json', '--out', out, '--backend', 'cpu');
      expect(run.code, run.stderr).toBe(0);
      const metrics = readJson(join(out, 'metrics.json'));
      expect([metrics.backend, metrics.backendReason]).toEqual(['cpu', 'forced by the user']);
    },
    timeout,
  );

  it(
    'trains a regression from a CSV next to the spec',
    async () => {
      // y = 2x + 1, 40 rows; the source path is relative to the spec's folder.
      const lines = ['x,y', ...Array.from({ length: 40 }, (_, i) => `${i * 0.5},${2 * i * 0.5 + 1}`)];
      put('line.csv', lines.join('\n') + '\n');
      const spec = put('line.json', { version: 1, data: { source: 'line.csv', label: 'y' }, train: { epochs: 40 } });
      const out = join(tmp, 'line');
      const run = await kiln('run', spec, '--out', out);
      expect(run.code, run.stderr).toBe(0);
      const metrics = readJson(join(out, 'metrics.json'));
      expect(metrics.task).toBe('regression');
      expect(metrics.split).toEqual({ train: 28, validation: 6, test: 6 });
      for (const key of ['rmse', 'mae', 'r2']) expect(Number.isFinite(metrics.test[key]), key).toBe(true);
      expect(metrics.test.rmse).toBeGreaterThanOrEqual(metrics.test.mae);
      // The baseline predicts the training rows' mean of y: far worse than a model of a straight line.
      expect(metrics.testBaseline.prediction).toBeGreaterThan(5);
      expect(metrics.testBaseline.prediction).toBeLessThan(37);
      expect(metrics.testBaseline.rmse).toBeGreaterThan(3 * metrics.test.rmse);
      expect(metrics.testBaseline.r2).toBeLessThan(0.1);
      const [header, ...rows] = csvRows(readFileSync(join(out, 'predictions.csv'), 'utf8'));
      expect(header).toEqual(['row', 'label', 'prediction']);
      expect(rows).toHaveLength(6);
      for (const [row, label] of rows) expect(Number(label)).toBe(2 * Number(row) * 0.5 + 1);
    },
    timeout,
  );
});

describe('kiln run with bad input', () => {
  /** Runs the CLI, expects failure, and returns its single stderr line. */
  async function failure(...args: string[]): Promise<string> {
    const run = await kiln(...args, '--out', join(tmp, 'never'));
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^kiln: /);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    return lines[0];
  }

  it(
    'reports a split fraction out of range by its path',
    async () => {
      const spec = put('bad-split.json', { version: 1, data: { source: irisPath, label: 'species' }, split: { train: 2 } });
      const line = await failure('run', spec);
      expect(line).toContain(spec);
      expect(line).toContain('split.train: must be between 0 and 1');
    },
    timeout,
  );

  it(
    'names a data file that does not exist',
    async () => {
      const spec = put('no-data.json', { version: 1, data: { source: 'nope.csv', label: 'species' } });
      const line = await failure('run', spec);
      expect(line).toContain('nope.csv');
      expect(line).toContain('data file not found');
    },
    timeout,
  );

  it(
    'names the line of a ragged CSV row',
    async () => {
      put('ragged.csv', 'a,b,y\n1,2,x\n3,4,z\n5,6\n7,8,x\n');
      const spec = put('ragged.json', { version: 1, data: { source: 'ragged.csv', label: 'y' } });
      expect(await failure('run', spec)).toBe('kiln: ragged.csv line 4: has 2 fields but the header has 3');
    },
    timeout,
  );

  it(
    'names a missing label column and lists the columns there are',
    async () => {
      const spec = put('no-label.json', { version: 1, data: { source: irisPath, label: 'kind' } });
      const line = await failure('run', spec);
      expect(line).toContain("label column 'kind' not found");
      expect(line).toContain('columns are sepal_length, sepal_width, petal_length, petal_width, species');
    },
    timeout,
  );

  it(
    'falls back from --backend webgpu where Node finds no GPU adapter, and says why in the backend line',
    async () => {
      const run = await kiln('run', 'examples/iris.json', '--backend', 'webgpu', '--out', join(tmp, 'webgpu'));
      expect(run.code, run.stderr).toBe(0);
      const backend = run.stderr.split('\n').find((l) => l.startsWith('kiln: backend '));
      expect(backend).toMatch(/^kiln: backend (cpu|wasm|webgl) \(webgpu was asked for, but .+; chosen as auto instead/);
    },
    timeout,
  );

  it(
    'lists the allowed values for an unknown --backend',
    async () => {
      expect(await failure('run', 'examples/iris.json', '--backend', 'tpu')).toBe(
        'kiln: --backend must be one of auto, webgpu, webgl, wasm, cpu',
      );
    },
    timeout,
  );

  it(
    'names an unknown option',
    async () => {
      expect(await failure('run', 'examples/iris.json', '--frobnicate')).toBe("kiln: unknown option '--frobnicate'");
    },
    timeout,
  );

  it(
    'names a spec file that does not exist',
    async () => {
      const missing = join(tmp, 'missing.json');
      expect(await failure('run', missing)).toBe(`kiln: ${missing}: spec file not found`);
    },
    timeout,
  );
});
