import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kserveRequest, manifestSchema, resourceNames, SAGEMAKER_NAME, sagemakerPackage } from '../../../../src/core/deploy/sagemaker/index.ts';
import { packageInput } from './fixture.ts';

const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const has = (check: string) => spawnSync('sh', ['-c', check], { stdio: 'ignore' }).status === 0;
const hasPython = has('command -v python3');
const hasShellcheck = has('command -v shellcheck');
const hasBotocore = hasPython && has('python3 -c "import botocore"');

const dir = mkdtempSync(join(tmpdir(), 'kiln-sagemaker-'));
const files = sagemakerPackage(packageInput());
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
const names = resourceNames('Penguins-v2', files['model.tar.gz']);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A KServe body as numbers, NaN kept (JSON.parse cannot read the bare literal). */
const parseBody = (text: string) => {
  const body = JSON.parse(text.trim().replace(/\bNaN\b/g, '"NaN"')) as { inputs: { data: (number | string)[] }[] };
  body.inputs[0].data = body.inputs[0].data.map((v) => (v === 'NaN' ? NaN : Number(v)));
  return body;
};

const rows = [
  ['39.1,Atlantis,', [39.1, -1, NaN]], // a number, an unknown category, a missing number
  ["45.2, Torgersen's ,181.50", [45.2, 2, 181.5]], // a known category (with a quote), spaces trimmed
  ['50,Biscoe,200', [50, 0, 200]],
] as const;

describe('generated scripts', () => {
  it('pass bash -n and, when installed, shellcheck -S warning', () => {
    for (const script of ['deploy.sh', 'invoke.sh', 'build-and-push.sh']) {
      expect(run('bash', ['-n', script]).status, script).toBe(0);
      if (hasShellcheck) expect(run('shellcheck', ['-S', 'warning', script]).stdout, script).toBe('');
    }
  });

  it.skipIf(!hasPython)('invoke.py compiles', () => {
    expect(run('python3', ['-m', 'py_compile', 'invoke.py']).status).toBe(0);
  });

  it.skipIf(!hasPython)('invoke.py and invoke.sh encode rows exactly as the manifest says', () => {
    for (const [row, expected] of rows) {
      const ts = parseBody(kserveRequest(manifest, row.split(',')));
      expect(ts.inputs[0].data).toEqual(expected);
      const py = run('python3', ['invoke.py', '--triton', '--dry-run', row]);
      expect(py.stderr).toBe('');
      expect(parseBody(py.stdout)).toEqual(ts);
      const sh = run('bash', ['invoke.sh', '--triton', '--dry-run', row]);
      expect(sh.stderr).toBe('');
      expect(parseBody(sh.stdout)).toEqual(ts);
    }
    expect(run('python3', ['invoke.py', '--dry-run', '39.1,Dream,181']).stdout).toBe('39.1,Dream,181\n');
  });

  it.skipIf(!hasPython)('invoke scripts refuse a row of the wrong width or a non-number, naming the column', () => {
    expect(run('python3', ['invoke.py', '--triton', '--dry-run', '1,2']).stderr).toMatch(/has 2 values; the model takes 3/);
    expect(run('bash', ['invoke.sh', '--triton', '--dry-run', 'x,Dream,1']).stderr).toMatch(/column 'bill_length_mm': 'x' is not a number/);
    expect(run('python3', ['invoke.py', '--dry-run', 'x,Dream,1']).stderr).toMatch(/column 'bill_length_mm'/);
  });

  it('deploy.sh explains what is missing', () => {
    const r = run('bash', ['deploy.sh'], { KILN_S3_BUCKET: '', KILN_SAGEMAKER_ROLE_ARN: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing --bucket/);
    expect(r.stderr).toMatch(/missing --role-arn/);
    expect(r.stderr).toMatch(/Usage: bash deploy.sh/);
    const bad = run('bash', ['deploy.sh', '--bucket', 'b', '--role-arn', 'arn:aws:iam::1:role/r', '--region', 'mars-1']);
    expect([bad.status, bad.stderr.trim()]).toEqual([2, "deploy.sh: no SageMaker Triton image is published for region 'mars-1'"]);
  });
});

describe.skipIf(!hasBotocore)('deploy.sh against the SageMaker API model', () => {
  // The AWS CLI cannot run offline, so a stand-in on PATH records each call; describe-* answers
  // "not found" (exit 254, as the CLI does) unless AWS_STUB_EXISTS=1.
  const bin = join(dir, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  writeFileSync(
    join(bin, 'aws'),
    `#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
with open(os.environ["AWS_STUB_LOG"], "a") as f:
    f.write(json.dumps(args) + "\\n")
rest = [a for i, a in enumerate(args) if a != "--region" and (i == 0 or args[i - 1] != "--region")]
if rest[1].startswith("describe-") or rest[1] == "head-object":
    sys.exit(0 if os.environ.get("AWS_STUB_EXISTS") == "1" else 254)
print("{}")
`,
  );
  chmodSync(join(bin, 'aws'), 0o755);
  const deploy = (log: string, exists: boolean) => {
    const r = run('bash', ['deploy.sh', '--region', 'eu-west-1', '--bucket', 'my-bucket', '--role-arn', 'arn:aws:iam::111122223333:role/sm', '--kiln-image', '111122223333.dkr.ecr.eu-west-1.amazonaws.com/kiln-serve:0.1.0', '--batch-input', 's3://my-bucket/in/'], {
      PATH: `${bin}:${process.env.PATH}`,
      AWS_STUB_LOG: join(dir, log),
      AWS_STUB_EXISTS: exists ? '1' : '0',
    });
    const calls = readFileSync(join(dir, log), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
    return { ...r, calls };
  };
  /** Validates request bodies with botocore's own parameter validator; returns one error text per body ('' when valid). */
  const validate = (requests: { command: string; body: unknown }[]): string[] => {
    const py = `
import json, sys, botocore.session
from botocore import xform_name
from botocore.validate import validate_parameters
model = botocore.session.get_session().get_service_model("sagemaker")
ops = {xform_name(o, "-"): model.operation_model(o) for o in model.operation_names}
out = []
for r in json.load(sys.stdin):
    try:
        validate_parameters(r["body"], ops[r["command"]].input_shape)
        out.append("")
    except Exception as e:
        out.append(str(e))
print(json.dumps(out))`;
    const r = spawnSync('python3', ['-c', py], { input: JSON.stringify(requests), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as string[];
  };

  const first = deploy('first.log', false);

  it('uploads, then creates both models, endpoint configs, endpoints and the transform job', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const creates = first.calls.filter((c) => c.includes('sagemaker') && c.some((a) => a.startsWith('create-')));
    expect(creates.map((c) => c[3])).toEqual(['create-model', 'create-endpoint-config', 'create-endpoint', 'create-model', 'create-endpoint-config', 'create-endpoint', 'create-transform-job']);
    const upload = first.calls.find((c) => c[2] === 's3' && c[3] === 'cp');
    expect(upload).toEqual(['--region', 'eu-west-1', 's3', 'cp', 'model.tar.gz', `s3://my-bucket/kiln/Penguins-v2-${names.hash}/model.tar.gz`]);
  });

  it('sends requests that botocore accepts for each operation, with every placeholder filled in', () => {
    const requests = first.calls
      .filter((c) => c.includes('--cli-input-json'))
      .map((c) => ({ command: c[3], body: JSON.parse(c[c.indexOf('--cli-input-json') + 1]) as Record<string, unknown> }));
    expect(requests).toHaveLength(7);
    expect(validate(requests)).toEqual(['', '', '', '', '', '', '']);
    expect(JSON.stringify(requests)).not.toContain('${');
    const [tritonModel, , , kilnModel, serverless, , transform] = requests.map((r) => r.body as Record<string, any>);
    expect(tritonModel.PrimaryContainer).toEqual({
      Image: '763104351884.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-tritonserver:24.09-py3',
      ModelDataUrl: `s3://my-bucket/kiln/Penguins-v2-${names.hash}/model.tar.gz`,
      Environment: { SAGEMAKER_TRITON_DEFAULT_MODEL_NAME: 'Penguins-v2' },
    });
    expect(kilnModel.PrimaryContainer.Environment).toEqual({ KILN_MODEL_DIR: '/opt/ml/model/Penguins-v2/kiln' });
    expect(serverless.ProductionVariants[0].ServerlessConfig).toEqual({ MemorySizeInMB: 2048, MaxConcurrency: 5 });
    expect(transform.TransformJobName).toMatch(SAGEMAKER_NAME);
    expect(transform.TransformInput).toEqual({ DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://my-bucket/in/' } }, ContentType: 'text/csv', SplitType: 'Line' });
    for (const r of requests) for (const v of Object.values(r.body)) if (typeof v === 'string' && /Name$/.test(v)) expect(v).toMatch(SAGEMAKER_NAME);
  });

  it('botocore rejects a broken request, so the check above can fail', () => {
    const broken = { EndpointConfigName: 'x', ProductionVariants: [{ VariantName: 'v', ModelName: 'm', ServerlessConfig: { MemorySizeInMB: 512, MaxConcurency: 5 } }] };
    const [error] = validate([{ command: 'create-endpoint-config', body: broken }]);
    expect(error).toMatch(/MemorySizeInMB/);
    expect(error).toMatch(/MaxConcurency/);
  });

  it('creates nothing on a second run when everything exists', () => {
    const again = deploy('second.log', true);
    expect(again.status).toBe(0);
    expect(again.calls.filter((c) => c.some((a) => a.startsWith('create-') || a === 'cp'))).toEqual([]);
    expect(again.stdout.match(/^exists: /gm)).toHaveLength(8);
  });
});
