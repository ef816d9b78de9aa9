import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, strFromU8 } from 'fflate';
import { parseTar } from 'nanotar';
import * as ort from 'onnxruntime-node';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The SageMaker package as AWS would use it, offline: model.tar.gz unpacked as /opt/ml/model is,
// Kiln's container entry point (node kiln-serve.mjs serve) answering over HTTP, and the Triton
// half's model.onnx fed the request invoke.py builds. Both must agree with `kiln predict`.
const timeout = 120_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kiln-sm-'));
const out = join(tmp, 'run');
const pkg = join(out, 'export', 'sagemaker');
const optMlModel = join(tmp, 'opt-ml-model');
// Raw rows in the manifest's column order (island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex).
const rows = ['Biscoe,44.5,17.3,201,4425,female', 'Torgersen,39.1,18.7,181,3750,male', 'Mars,50,,220,,'];
const fields = 'island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex';

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd: root, timeout }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))),
  );
}

let server: ChildProcess;
let base = '';
let expected: Record<string, string>[];

beforeAll(async () => {
  await run(process.execPath, ['bin/kiln.js', 'run', 'examples/penguins.json', '--out', out, '--export', 'onnx,sagemaker']);
  for (const entry of parseTar(gunzipSync(new Uint8Array(readFileSync(join(pkg, 'model.tar.gz')))))) {
    const path = join(optMlModel, entry.name);
    if (entry.type === 'directory') mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, entry.data!);
    }
  }
  writeFileSync(join(tmp, 'rows.csv'), `${fields}\n${rows.join('\n')}\n`);
  await run(process.execPath, ['bin/kiln.js', 'predict', join(out, 'model'), join(tmp, 'rows.csv'), '--out', join(tmp, 'expected.csv')]);
  expected = Papa.parse<Record<string, string>>(readFileSync(join(tmp, 'expected.csv'), 'utf8').trim(), { header: true }).data;

  // What `docker run <image> serve` runs, pointed at the unpacked tarball instead of /opt/ml/model.
  server = spawn(process.execPath, [join(pkg, 'kiln-serve.mjs'), 'serve', optMlModel, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    let err = '';
    server.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`kiln-serve.mjs exited ${code}: ${err}`)));
  });
}, timeout);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
});

describe('the SageMaker package, end to end', () => {
  it("unpacks to Triton's layout with Kiln's model beside it, and no top-level config.pbtxt", () => {
    const listed = parseTar(gunzipSync(new Uint8Array(readFileSync(join(pkg, 'model.tar.gz'))))).map((e) => e.name.replace(/\/$/, ''));
    expect(listed.sort()).toEqual(
      [
        'kiln-penguins',
        'kiln-penguins/1',
        'kiln-penguins/1/model.onnx',
        'kiln-penguins/config.pbtxt',
        'kiln-penguins/kiln',
        'kiln-penguins/kiln/baseline.json',
        'kiln-penguins/kiln/constraints.json',
        'kiln-penguins/kiln/manifest.json',
        'kiln-penguins/kiln/model.json',
        'kiln-penguins/kiln/preprocessing.json',
        'kiln-penguins/kiln/statistics.json',
        'kiln-penguins/kiln/weights.bin',
      ],
    );
    // The exported ONNX file and the one in the tarball are the same bytes.
    expect(readFileSync(join(optMlModel, 'kiln-penguins/1/model.onnx')).equals(readFileSync(join(out, 'export/onnx/model.onnx')))).toBe(true);
  });

  it("Kiln's container (the bundled CLI) answers /ping and CSV rows as kiln predict does", async () => {
    expect((await fetch(`${base}/ping`)).status).toBe(200);
    const response = await fetch(`${base}/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv', accept: 'text/csv' }, body: rows.join('\n') });
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split('\n').map((l) => l.split(','));
    expect(lines.map((l) => l[0])).toEqual(expected.map((r) => r.prediction));
    lines.forEach((l, i) => ['Adelie', 'Chinstrap', 'Gentoo'].forEach((c, k) => expect(Math.abs(Number(l[k + 1]) - Number(expected[i][`p_${c}`]))).toBeLessThan(1e-5)));
  });

  it("Triton's model.onnx, fed invoke.py's KServe request, gives kiln predict's probabilities", async () => {
    const config = readFileSync(join(optMlModel, 'kiln-penguins/config.pbtxt'), 'utf8');
    const session = await ort.InferenceSession.create(join(optMlModel, 'kiln-penguins/1/model.onnx'));
    expect(config).toContain(`name: "${session.inputNames[0]}"`);
    expect(config).toContain(`name: "${session.outputNames[0]}"`);
    for (const [i, row] of rows.entries()) {
      const dry = spawnSync(pythonOr('python3'), [join(pkg, 'invoke.py'), '--triton', '--dry-run', row], { encoding: 'utf8', cwd: pkg });
      expect(dry.status, dry.stderr).toBe(0);
      // Triton reads the bare NaN literal (RapidJSON's NaN extension); so does this parse.
      const body = JSON.parse(dry.stdout.replaceAll('NaN', '"NaN"')) as { inputs: { name: string; shape: number[]; data: (number | string)[] }[] };
      const [input] = body.inputs;
      const data = Float32Array.from(input.data, (v) => (v === 'NaN' ? NaN : Number(v)));
      const result = await session.run({ [input.name]: new ort.Tensor('float32', data, input.shape) });
      const probabilities = Array.from(result[session.outputNames[0]].data as Float32Array);
      ['Adelie', 'Chinstrap', 'Gentoo'].forEach((c, k) => expect(Math.abs(probabilities[k] - Number(expected[i][`p_${c}`]))).toBeLessThan(1e-5));
    }
  });

  it('every exported ONNX file passes onnx.checker when python3-onnx is there', () => {
    const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import onnx']).status === 0);
    if (!python) return;
    const check = spawnSync(python, ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', join(out, 'export/onnx/model.onnx')], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

/** invoke.py needs only the standard library: any python3 will do. */
function pythonOr(name: string): string {
  return spawnSync(name, ['--version']).status === 0 ? name : '/usr/bin/python3';
}
