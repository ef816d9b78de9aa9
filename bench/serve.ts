/**
 * `kiln serve` under load: single-row text/csv requests from 8 concurrent clients for about 3 s
 * (at most 200,000 requests), against a server in its own process on 127.0.0.1 only. Reference:
 * the same single-row predictions called in-process (predictRecords, no HTTP), so the ratio is
 * what HTTP and request parsing cost. The model is a small MLP trained here on penguins.
 *
 * npm run bench -- serve [--quick]
 * // → {"name":"serve","unit":"requests/s","kiln":…,"reference":…,"ratio":…,"p50ms":…,"p99ms":…}
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { parseCsv } from '../src/core/collect/csv.ts';
import { validateSpec } from '../src/core/spec/validate.ts';
import { loadPredictor } from '../workers/deploy/predictor.ts';
import { predictRecords } from '../workers/deploy/predict-rows.ts';
import { exportModelFiles } from '../workers/train/export.ts';
import { disposeModel } from '../workers/train/model.ts';
import { trainOn } from '../workers/train/pipeline.ts';

const quick = process.argv.includes('--quick');
const seconds = quick ? 1 : 3;
const clients = 8;
const maxRequests = 200_000;
const root = fileURLToPath(new URL('../', import.meta.url));

tf.env().set('PROD', true);
await tf.setBackend('cpu');
const text = readFileSync(join(root, 'public/data/penguins.csv'), 'utf8');
const checked = validateSpec({ version: 1, data: { source: 'penguins.csv', label: 'species' }, train: { epochs: 5 }, backend: 'cpu' });
if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
const run = await trainOn(checked.spec, parseCsv(text, 'penguins.csv'), { backend: 'cpu' });
const files = await exportModelFiles(run);
disposeModel(run.model);
const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-serve-'));
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);

const [header, ...lines] = text.trimEnd().split('\n');
const fields = header.split(',');
const body = (i: number) => `${fields.join(',')}\n${lines[i % lines.length]}\n`;
const record = (i: number) => Object.fromEntries(lines[i % lines.length].split(',').map((v, c) => [fields[c], v]));

// Reference: the same single-row predictions in-process.
const predictor = await loadPredictor(files);
let direct = 0;
const directStart = performance.now();
while (performance.now() - directStart < seconds * 1000 && direct < maxRequests) predictRecords(predictor, [record(direct++)]);
const reference = direct / ((performance.now() - directStart) / 1000);
predictor.dispose();

const server = spawn(process.execPath, ['bin/kiln.js', 'serve', dir, '--port', '0', '--host', '127.0.0.1'], { cwd: root });
try {
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (d: Buffer) => {
      err += d;
      const m = /on http:\/\/127\.0\.0\.1:(\d+) /.exec(err);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', () => reject(new Error(err)));
  });
  // node:http with keep-alive rather than fetch: undici's per-request cost would be what is measured.
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const post = (payload: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/invocations', method: 'POST', agent, headers: { 'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(payload);
    });
  const latencies: number[] = [];
  let sent = 0;
  const start = performance.now();
  const client = async () => {
    while (performance.now() - start < seconds * 1000 && sent < maxRequests) {
      const i = sent++;
      const t0 = performance.now();
      const status = await post(body(i));
      if (status !== 200) throw new Error(`request ${i}: HTTP ${status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 100) / 100;
  const kiln = Math.round(latencies.length / elapsed);
  const result = { name: 'serve', unit: 'requests/s', kiln, reference: Math.round(reference), ratio: Math.round((kiln / reference) * 1000) / 1000, p50ms: at(0.5), p99ms: at(0.99) };
  const line = JSON.stringify(result);
  console.log(line);
  const out = join(root, 'bench', 'results', 'serve.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, line + '\n');
  agent.destroy();
  console.error(`${latencies.length} single-row requests from ${clients} clients in ${elapsed.toFixed(2)} s; reference: ${direct} in-process predictions`);
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
