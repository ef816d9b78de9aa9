import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import type { JobOptions } from '../../../src/core/sagemaker/job-plan.ts';

/** A spec with defaults filled in, for the builders. */
export function spec(input: Omit<PipelineSpecInput, 'version' | 'data'> & { data?: PipelineSpecInput['data'] } = {}) {
  const r = validateSpec({ version: 1, data: { source: 'data/iris.csv', label: 'species' }, ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.spec;
}

/** Job options as the CLI passes them, with a real-looking role and bucket. */
export const options: JobOptions = {
  createdAt: '2026-11-30T03:50:00.000Z',
  kind: 'table',
  task: 'classification',
  kilnVersion: '0.1.0',
  role: 'arn:aws:iam::123456789012:role/KilnSageMaker',
  bucket: 'my-bucket',
  region: 'eu-west-1',
};

const has = (check: string) => spawnSync('sh', ['-c', check], { stdio: 'ignore' }).status === 0;
/** Debian's python3-botocore: the SageMaker API model the AWS SDKs ship. */
export const hasBotocore = has('python3 -c "import botocore"');
export const hasShellcheck = has('command -v shellcheck');

/** Validates request bodies with botocore's own validator; one error text per request ('' when valid). */
export function botocoreErrors(requests: { operation: string; body: unknown }[]): string[] {
  const py = `
import json, sys, botocore.session
from botocore.validate import validate_parameters
model = botocore.session.get_session().get_service_model("sagemaker")
out = []
for r in json.load(sys.stdin):
    try:
        validate_parameters(r["body"], model.operation_model(r["operation"]).input_shape)
        out.append("")
    except Exception as e:
        out.append(str(e))
print(json.dumps(out))`;
  const r = spawnSync('python3', ['-c', py], { input: JSON.stringify(requests), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[];
}
