import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sagemakerJobFiles } from '../../../src/core/sagemaker/index.ts';
import { readMetricLine } from '../../../src/core/sagemaker/metrics.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { decodeCheckpoint } from '../../../src/core/train/checkpoint.ts';

// The training-container contract, offline: a temporary /opt/ml laid out as SageMaker lays it
// out (string hyperparameters, channels, an empty model/), and the real entry point run as a
// child process (`kiln sagemaker-train train`, as SageMaker starts the image), moved there by KILN_SM_ROOT.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kiln-sm-train-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const iris = readFileSync(join(root, 'public/data/iris.csv'), 'utf8');
const specJson = { version: 1, data: { source: 'iris.csv', label: 'species' }, model: { hidden: [8] }, train: { epochs: 12, learningRate: 0.005 } };

/** An /opt/ml tree: hyperparameters.json, the spec channel, the train channel, empty model/ and output/. */
function optMl(name: string, hyper: Record<string, string>, data = iris, spec: object = specJson): string {
  const ml = join(tmp, name);
  const write = (path: string, text: string) => {
    mkdirSync(join(ml, path, '..'), { recursive: true });
    writeFileSync(join(ml, path), text);
  };
  write('input/config/hyperparameters.json', JSON.stringify(hyper));
  write('input/config/resourceconfig.json', JSON.stringify({ current_host: 'algo-1', hosts: ['algo-1'] }));
  write('input/data/spec/spec.json', JSON.stringify(spec));
  write('input/data/train/iris.csv', data);
  for (const dir of ['model', 'output', 'checkpoints']) mkdirSync(join(ml, dir), { recursive: true });
  return ml;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the entry point; `onLine` may kill it (SIGTERM) once a stdout or stderr line shows up. */
function train(ml: string, onLine?: (line: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/kiln.js'), 'sagemaker-train', 'train'], { cwd: root, env: { ...process.env, KILN_SM_ROOT: ml } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      const lines = d.toString();
      stdout += lines;
      for (const line of lines.split('\n')) onLine?.(line, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (d: Buffer) => {
      const lines = d.toString();
      stderr += lines;
      for (const line of lines.split('\n')) onLine?.(line, () => child.kill('SIGTERM'));
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under `dir`, relative to it, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The MetricDefinitions of the training-job.json `kiln sagemaker-job` writes for this spec. */
function definitions(): { Name: string; Regex: string }[] {
  const spec = validateSpec(specJson);
  if (!spec.ok) throw new Error('bad spec');
  const { files } = sagemakerJobFiles(spec.spec, { createdAt: '2026-11-30T00:00:00Z', kind: 'table', task: 'classification', kilnVersion: '0.1.0' }, 'iris.csv');
  return JSON.parse(files['training-job.json']).AlgorithmSpecification.MetricDefinitions;
}

describe('kiln sagemaker-train in a SageMaker-shaped /opt/ml', { timeout: 120_000 }, () => {
  it('trains with the string hyperparameters, writes the Triton-layout model folder and prints metrics the regexes read', async () => {
    const ml = optMl('ok', { 'train.learningRate': '0.02', 'train.epochs': '8', backend: 'cpu', _tuning_objective_metric: 'validation:loss' });
    const run = await train(ml);
    expect(run.stderr).toMatch(/kiln: trained after \d+ epochs; wrote 9 model files/);
    expect(run.code).toBe(0);
    expect(tree(join(ml, 'model'))).toEqual([
      'kiln-iris/1/model.onnx',
      'kiln-iris/config.pbtxt',
      'kiln-iris/kiln/baseline.json',
      'kiln-iris/kiln/constraints.json',
      'kiln-iris/kiln/manifest.json',
      'kiln-iris/kiln/model.json',
      'kiln-iris/kiln/preprocessing.json',
      'kiln-iris/kiln/statistics.json',
      'kiln-iris/kiln/weights.bin',
    ]);
    const model = join(ml, 'model', 'kiln-iris');
    const manifest = JSON.parse(readFileSync(join(model, 'kiln/manifest.json'), 'utf8'));
    expect([manifest.kind, manifest.name, manifest.task, manifest.framework.onnx]).toEqual(['kiln-sagemaker-manifest', 'kiln-iris', 'classification', 'kiln-iris/1/model.onnx']);
    expect(manifest.output.labels).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(readFileSync(join(model, 'config.pbtxt'), 'utf8')).toMatch(/name: "kiln-iris"/);
    const baseline = JSON.parse(readFileSync(join(model, 'kiln/baseline.json'), 'utf8'));
    expect(baseline.label).toBe('species');
    const statistics = JSON.parse(readFileSync(join(model, 'kiln/statistics.json'), 'utf8'));
    expect(statistics.features.map((f: { name: string }) => f.name)).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    // The hyperparameters won over spec.json: the model's own record of its spec says so.
    const preprocessing = JSON.parse(readFileSync(join(model, 'kiln/preprocessing.json'), 'utf8'));
    expect([preprocessing.spec.train.learningRate, preprocessing.spec.train.epochs, preprocessing.spec.data.source]).toEqual([0.02, 8, 'iris.csv']);

    const lines = run.stdout.trim().split('\n').map((l) => readMetricLine(l, definitions()));
    const epochs = lines.slice(0, -1);
    const final = lines.at(-1)!;
    const metrics = JSON.parse(readFileSync(join(ml, 'output/data/metrics.json'), 'utf8'));
    expect(epochs.length).toBe(metrics.epochs);
    expect(epochs.every((m) => typeof m['validation:loss'] === 'number' && typeof m['validation:accuracy'] === 'number')).toBe(true);
    expect(final['test:accuracy']).toBe(Number(metrics.test.accuracy.toPrecision(8)));
    expect(final['validation:f1Macro']).toBe(Number(metrics.validation.f1Macro.toPrecision(8)));
    expect(existsSync(join(ml, 'output/failure'))).toBe(false);
  });

  it('stops cleanly on SIGTERM with a checkpoint, and a restarted job resumes from it', async () => {
    const ml = optMl('spot', { 'train.epochs': '300', 'train.patience': '0', backend: 'cpu' });
    let sent = false;
    const first = await train(ml, (line, kill) => {
      if (!sent && /^kiln-metrics epoch=5;/.test(line)) {
        sent = true;
        kill();
      }
    });
    expect(first.stderr).toMatch(/SIGTERM: stopping after this batch/);
    expect(first.code).toBe(0);
    const done = Number(/stopped \(SIGTERM\) after (\d+) epochs/.exec(first.stderr)?.[1]);
    expect(done).toBeGreaterThanOrEqual(5);
    expect(done).toBeLessThan(300);
    const saved = readdirSync(join(ml, 'checkpoints'));
    expect(saved).toEqual([expect.stringMatching(/^kiln-checkpoint-[0-9a-f]{16}\.bin$/)]);
    const checkpoint = decodeCheckpoint(new Uint8Array(readFileSync(join(ml, 'checkpoints', saved[0]))));
    expect([checkpoint.epochsCompleted, checkpoint.epochs]).toEqual([done, 300]);
    expect(existsSync(join(ml, 'model/kiln-iris/1/model.onnx'))).toBe(true);

    const second = await train(ml);
    expect(second.stderr).toMatch(new RegExp(`resuming from the checkpoint after epoch ${done} of 300`));
    expect(second.code).toBe(0);
    const epochs = [...second.stdout.matchAll(/^kiln-metrics epoch=(\d+);/gm)].map((m) => Number(m[1]));
    expect(epochs[0]).toBe(done + 1);
    expect(epochs.at(-1)).toBe(300);
    expect(JSON.parse(readFileSync(join(ml, 'output/data/metrics.json'), 'utf8')).epochs).toBe(300);
  });

  it('exits 0 with model/ empty and no failure file when SIGTERM comes before the first epoch', async () => {
    const ml = optMl('early-stop', { 'train.epochs': '300', backend: 'cpu' });
    let sent = false;
    const run = await train(ml, (line, kill) => {
      // The job's first line: SIGTERM lands while the channels load, before any epoch.
      if (!sent && /^kiln: reading the job's hyperparameters/.test(line)) {
        sent = true;
        kill();
      }
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/kiln: stopped \(SIGTERM\) before the first epoch finished; no model written/);
    expect(run.stdout).not.toMatch(/kiln-metrics/);
    expect(tree(join(ml, 'model'))).toEqual([]);
    expect(existsSync(join(ml, 'output/failure'))).toBe(false);
    expect(existsSync(join(ml, 'output/data'))).toBe(false);
    expect(readdirSync(join(ml, 'checkpoints'))).toEqual([]);
  });

  it('writes the failure reason and exits 1 for a bad hyperparameter, leaving model/ empty', async () => {
    const ml = optMl('bad-hyper', { 'train.learningRat': '0.1', backend: 'cpu' });
    const run = await train(ml);
    expect(run.code).toBe(1);
    expect(readFileSync(join(ml, 'output/failure'), 'utf8')).toBe("hyperparameters.json, train.learningRat: is not a spec field (train has no 'learningRat') (got '0.1')");
    expect(tree(join(ml, 'model'))).toEqual([]);
  });

  it('writes the failure reason and exits 1 for data without the label column', async () => {
    const ml = optMl('bad-data', { backend: 'cpu' }, 'height,width\n1,2\n3,4\n5,6\n');
    const run = await train(ml);
    expect(run.code).toBe(1);
    expect(readFileSync(join(ml, 'output/failure'), 'utf8')).toMatch(/species/);
    expect(tree(join(ml, 'model'))).toEqual([]);
  });
});
