import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The training image without docker: build-and-push.sh assembles the exact build context, and the
// Dockerfile's ENTRYPOINT runs from it (with SageMaker's `train` appended) on an /opt/ml tree.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(root, 'src/cli/sagemaker/build-and-push.sh');
const tmp = mkdtempSync(join(tmpdir(), 'kiln-sm-image-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const hasShellcheck = spawnSync('sh', ['-c', 'command -v shellcheck'], { stdio: 'ignore' }).status === 0;

describe('the training image', { timeout: 120_000 }, () => {
  it('build-and-push.sh passes bash -n and shellcheck', () => {
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
    if (hasShellcheck) expect(spawnSync('shellcheck', ['-S', 'warning', script], { encoding: 'utf8' }).stdout).toBe('');
  });

  it("runs the Dockerfile's entry point from the build context, training on TF.js's WASM backend", () => {
    const context = join(tmp, 'context');
    const built = spawnSync('bash', [script, '--context-only', context], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const entry = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(readFileSync(join(context, 'Dockerfile'), 'utf8'))![1]) as string[];
    expect(entry).toEqual(['node', '/opt/kiln/kiln-serve.mjs', 'sagemaker-train']);
    // /opt/kiln is the context's copy (COPY kiln-serve.mjs and node_modules/).
    const opt = join(tmp, 'opt-kiln');
    cpSync(context, opt, { recursive: true });
    const ml = join(tmp, 'ml');
    mkdirSync(join(ml, 'input/config'), { recursive: true });
    mkdirSync(join(ml, 'input/data/train'), { recursive: true });
    mkdirSync(join(ml, 'model'), { recursive: true });
    // No spec channel: the spec comes from the hyperparameters alone.
    writeFileSync(join(ml, 'input/config/hyperparameters.json'), JSON.stringify({ 'data.label': 'species', 'train.epochs': '3', backend: 'wasm' }));
    cpSync(join(root, 'public/data/iris.csv'), join(ml, 'input/data/train/iris.csv'));
    const run = spawnSync(process.execPath, [join(opt, 'kiln-serve.mjs'), 'sagemaker-train', 'train'], { cwd: tmp, encoding: 'utf8', env: { ...process.env, KILN_SM_ROOT: ml } });
    expect(run.stderr).toMatch(/kiln: backend wasm/);
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(join(ml, 'model/kiln-iris/kiln/manifest.json'), 'utf8')).name).toBe('kiln-iris');
    expect(run.stdout).toMatch(/^kiln-metrics epoch=3; /m);
  });
});
