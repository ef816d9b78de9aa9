import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sagemakerJobFiles } from '../../../src/core/sagemaker/index.ts';
import { botocoreErrors, hasBotocore, hasShellcheck, options, spec } from './fixture.ts';

// run.sh as a user runs it, against a stand-in `aws` on PATH that records each call, answers the
// describe-* queries of a finished job and "downloads" a model.tar.gz.
const dir = mkdtempSync(join(tmpdir(), 'kiln-sm-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = join(dir, 'bin');
mkdirSync(bin);
writeFileSync(
  join(bin, 'aws'),
  `#!/usr/bin/env python3
import io, json, os, sys, tarfile
args = sys.argv[1:]
with open(os.environ["AWS_STUB_LOG"], "a") as f:
    f.write(json.dumps(args) + "\\n")
query = args[args.index("--query") + 1] if "--query" in args else ""
answers = {"TrainingJobStatus": "Completed", "HyperParameterTuningJobStatus": "Completed", "BestTrainingJob.TrainingJobName": "kiln-iris-best-7",
           "ModelArtifacts.S3ModelArtifacts": "s3://my-bucket/kiln/kiln-iris/output/kiln-iris-best-7/output/model.tar.gz"}
if query:
    print(answers[query])
elif args[2:4] == ["s3", "cp"] and args[4].endswith("model.tar.gz"):
    with tarfile.open(args[5], "w:gz") as tar:
        data = b"name: kiln-iris"
        info = tarfile.TarInfo("kiln-iris/config.pbtxt"); info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
`,
);
chmodSync(join(bin, 'aws'), 0o755);

function writeJob(name: string, tuning: boolean, o = options) {
  const job = join(dir, name);
  mkdirSync(job, { recursive: true });
  const s = spec(tuning ? { tuning: { strategy: 'random', maxTrials: 4 } } : {});
  const { files } = sagemakerJobFiles(s, o, 'iris.csv');
  for (const [file, text] of Object.entries(files)) writeFileSync(join(job, file), text);
  writeFileSync(join(job, 'iris.csv'), 'a,species\n1,x\n');
  return job;
}

let runs = 0;
function run(job: string, args: string[] = []) {
  const log = join(job, `calls-${++runs}.log`);
  const r = spawnSync('bash', ['run.sh', ...args], { cwd: job, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AWS_STUB_LOG: log, AWS_REGION: '' } });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : [];
  return { status: r.status, stderr: r.stderr, calls };
}

const request = (calls: string[][], command: string) => {
  const call = calls.find((c) => c[3] === command)!;
  return JSON.parse(call[call.indexOf('--cli-input-json') + 1]) as Record<string, any>;
};
const image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/kiln-train:0.1.0';

describe('run.sh', { timeout: 60_000 }, () => {
  const training = writeJob('training', false);
  const tuning = writeJob('tuning', true);

  it('passes bash -n and shellcheck', () => {
    for (const job of [training, tuning]) {
      expect(spawnSync('bash', ['-n', join(job, 'run.sh')]).status).toBe(0);
      if (hasShellcheck) expect(spawnSync('shellcheck', ['-S', 'warning', join(job, 'run.sh')], { encoding: 'utf8' }).stdout).toBe('');
    }
  });

  it('uploads spec and data, starts the job training-job.json describes, waits and unpacks the model', () => {
    const r = run(training, ['--image', image]);
    expect(r.stderr).not.toMatch(/run\.sh: |Traceback/);
    expect(r.status).toBe(0);
    expect(r.calls.map((c) => c.slice(2, 4).join(' '))).toEqual(['s3 cp', 's3 rm', 's3 cp', 'sagemaker create-training-job', 'sagemaker wait', 'sagemaker describe-training-job', 'sagemaker describe-training-job', 's3 cp']);
    expect(r.calls[0]).toEqual(['--region', 'eu-west-1', 's3', 'cp', 'spec.json', 's3://my-bucket/kiln/kiln-iris/input/spec/spec.json']);
    expect(r.calls[2]).toEqual(['--region', 'eu-west-1', 's3', 'cp', 'iris.csv', 's3://my-bucket/kiln/kiln-iris/input/train/iris.csv']);
    const sent = request(r.calls, 'create-training-job');
    const written = JSON.parse(readFileSync(join(training, 'training-job.json'), 'utf8'));
    // Only the job's name (stamped at run time) and the checkpoint folder named after it differ.
    expect(sent.TrainingJobName).toMatch(/^kiln-iris-\d{8}-\d{6}$/);
    expect({ ...sent, TrainingJobName: written.TrainingJobName, CheckpointConfig: written.CheckpointConfig }).toEqual(written);
    expect(sent.CheckpointConfig.S3Uri).toBe(`s3://my-bucket/kiln/kiln-iris/checkpoints/${sent.TrainingJobName}/`);
    expect(readFileSync(join(training, 'model', 'kiln-iris', 'config.pbtxt'), 'utf8')).toBe('name: kiln-iris');
  });

  it('starts the tuning job tuning-job.json describes, and downloads the best trial', () => {
    const r = run(tuning, ['--image', image]);
    expect(r.status).toBe(0);
    const sent = request(r.calls, 'create-hyper-parameter-tuning-job');
    const written = JSON.parse(readFileSync(join(tuning, 'tuning-job.json'), 'utf8'));
    expect(sent.HyperParameterTuningJobName).toMatch(/^kiln-iris-\d{8}-\d{6}$/);
    expect(sent.HyperParameterTuningJobName.length).toBeLessThanOrEqual(32);
    expect({ ...sent, HyperParameterTuningJobName: written.HyperParameterTuningJobName }).toEqual(written);
    expect(r.calls.some((c) => c.includes('describe-training-job') && c.includes('kiln-iris-best-7'))).toBe(true);
    expect(run(tuning, ['--image', image, '--train-only', '--no-wait']).calls.map((c) => c[3])).toContain('create-training-job');
  });

  it.skipIf(!hasBotocore)('sends requests botocore accepts', () => {
    const sent = [request(run(training, ['--image', image, '--no-wait']).calls, 'create-training-job'), request(run(tuning, ['--image', image, '--no-wait']).calls, 'create-hyper-parameter-tuning-job')];
    expect(botocoreErrors([{ operation: 'CreateTrainingJob', body: sent[0] }, { operation: 'CreateHyperParameterTuningJob', body: sent[1] }])).toEqual(['', '']);
  });

  it('says what is missing before touching AWS', () => {
    const bare = writeJob('bare', false, { ...options, role: undefined, bucket: undefined });
    const r = run(bare);
    expect(r.status).toBe(2);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toMatch(/missing --bucket/);
    expect(r.stderr).toMatch(/missing --role-arn/);
    expect(r.stderr).toMatch(/missing --image/);
    expect(run(training, ['--image', image, '--data', 'nowhere.csv']).stderr).toMatch(/the data 'nowhere.csv' is not here/);
  });
});
