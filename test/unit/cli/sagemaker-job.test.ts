import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `kiln sagemaker-job` as a user runs it: files written, run.sh executable, the data found from
// the out folder, and a spec SageMaker cannot run refused in one line with exit code 1.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kiln-sm-job-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const kiln = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/kiln.js'), ...args], { cwd: root, encoding: 'utf8' });

describe('kiln sagemaker-job', { timeout: 60_000 }, () => {
  it('writes the job files for a tuning spec, with run.sh pointing at the data', () => {
    const out = join(tmp, 'tune');
    const r = kiln(['sagemaker-job', 'examples/iris-tuning.json', '--out', out, '--role', 'arn:aws:iam::123456789012:role/SM', '--bucket', 'my-bucket', '--region', 'eu-west-1', '--spot']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tuning job kiln-iris-\d{8}-\d{6} \(bayesian\) on ml\.m5\.large in eu-west-1/);
    const training = JSON.parse(readFileSync(join(out, 'training-job.json'), 'utf8'));
    expect([training.EnableManagedSpotTraining, training.ResourceConfig.InstanceType, training.HyperParameters['train.learningRate']]).toEqual([true, 'ml.m5.large', '0.02']);
    expect(JSON.parse(readFileSync(join(out, 'tuning-job.json'), 'utf8')).HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs).toBe(6);
    expect(statSync(join(out, 'run.sh')).mode & 0o111).toBe(0o111);
    const data = /^DATA='(.*)'$/m.exec(readFileSync(join(out, 'run.sh'), 'utf8'))![1];
    expect(readFileSync(join(out, data), 'utf8')).toBe(readFileSync(join(root, 'public/data/iris.csv'), 'utf8'));
  });

  it('refuses a data source SageMaker cannot read, naming the field', () => {
    const spec = join(tmp, 'web.json');
    writeFileSync(spec, JSON.stringify({ version: 1, data: { source: 'https://example.com/iris.csv', label: 'species' } }));
    const r = kiln(['sagemaker-job', spec, '--out', join(tmp, 'web')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^kiln: data\.source: is a https:\/\/ address, which a SageMaker training job cannot read/);
  });
});
