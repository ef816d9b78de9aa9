import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findModelDir } from '../../../src/cli/model-dir.ts';
import { startServer, type RunningServer } from '../../../src/cli/serve.ts';
import { loadPredictor, type Predictor } from '../../../workers/deploy/predictor.ts';
import { predictRecords } from '../../../workers/deploy/predict-rows.ts';
import { penguinsHeader, penguinsRows, trainFixture, writeModelDir } from '../deploy/predict/train-fixture.ts';

const timeout = 60_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kiln-serve-'));
const modelDir = join(tmp, 'model');
let server: RunningServer;
let predictor: Predictor;
let base: string;

beforeAll(async () => {
  const { files } = await trainFixture();
  writeModelDir(modelDir, files);
  predictor = await loadPredictor(files);
  server = await startServer({ modelDir, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
}, timeout);
afterAll(async () => {
  await server?.close();
  predictor?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const fields = () => predictor.doc.kind === 'table' ? predictor.doc.fields : [];
/** Penguins row `i` as a CSV line in the model's field order. */
const csvLine = (i: number) => fields().map((f) => penguinsRows[i][penguinsHeader.indexOf(f)]).join(',');
const record = (i: number) => Object.fromEntries(penguinsHeader.map((h, c) => [h, penguinsRows[i][c]]));
/** The in-process answer for rows `rows`, in the JSON response shape. */
function expected(rows: number[]) {
  return predictRecords(predictor, rows.map(record)).predictions.map((p) => ({
    prediction: p!.prediction,
    probabilities: Object.fromEntries(['Adelie', 'Chinstrap', 'Gentoo'].map((c, k) => [c, p!.probabilities![k]])),
  }));
}

async function post(body: string, type: string, accept?: string) {
  const res = await fetch(`${base}/invocations`, { method: 'POST', body, headers: { 'Content-Type': type, ...(accept ? { Accept: accept } : {}) } });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}
const json = (r: { text: string }) => JSON.parse(r.text);

describe('kiln serve (SageMaker hosting contract)', () => {
  it('answers /ping and /execution-parameters', async () => {
    expect((await fetch(`${base}/ping`)).status).toBe(200);
    expect(await (await fetch(`${base}/execution-parameters`)).json()).toEqual({ MaxConcurrentTransforms: 1, BatchStrategy: 'MULTI_RECORD', MaxPayloadInMB: 6 });
  });

  it('predicts text/csv rows with and without a header', async () => {
    const one = await post(csvLine(0), 'text/csv');
    expect([one.status, one.type]).toEqual([200, 'application/json']);
    expect(json(one)).toEqual({ predictions: expected([0]) });
    const many = await post([csvLine(0), csvLine(3), csvLine(250)].join('\n') + '\n', 'text/csv; charset=utf-8');
    expect(json(many)).toEqual({ predictions: expected([0, 3, 250]) });
    const withHeader = await post([penguinsHeader.join(','), penguinsRows[10].join(','), penguinsRows[300].join(',')].join('\r\n'), 'text/csv');
    expect(json(withHeader)).toEqual({ predictions: expected([10, 300]) });
  });

  it('predicts JSON instances, a list of objects, a single object and a list of values', async () => {
    expect(json(await post(JSON.stringify({ instances: [record(1), record(200)] }), 'application/json'))).toEqual({ predictions: expected([1, 200]) });
    expect(json(await post(JSON.stringify([record(5), record(6)]), 'application/json'))).toEqual({ predictions: expected([5, 6]) });
    expect(json(await post(JSON.stringify(record(7)), 'application/json'))).toEqual({ predictions: expected([7]) });
    const values = fields().map((f) => penguinsRows[8][penguinsHeader.indexOf(f)]);
    expect(json(await post(JSON.stringify(values), 'application/json'))).toEqual({ predictions: expected([8]) });
  });

  it('answers text/csv when asked: one line per row', async () => {
    const res = await post([csvLine(0), csvLine(250)].join('\n'), 'text/csv', 'text/csv');
    expect(res.type).toBe('text/csv');
    const lines = expected([0, 250]).map((p) => [p.prediction, ...Object.values(p.probabilities)].join(','));
    expect(res.text).toBe(lines.join('\n') + '\n');
  });

  it('refuses a bad row with 400 naming row and column, then keeps serving', async () => {
    const bad = await post([csvLine(0), csvLine(1).replace(/^[^,]*/, 'abc')].join('\n'), 'text/csv');
    expect(bad.status).toBe(400);
    expect(json(bad).error).toBe(`row 2: column '${fields()[0]}': 'abc' is not a number`);
    const short = await post('1,2', 'text/csv');
    expect(json(short).error).toBe(`row 1: has 2 values but the model takes ${fields().length} (${fields().join(', ')})`);
    expect(json(await post('{"instances": [', 'application/json')).error).toMatch(/^the body is not valid JSON/);
    expect(json(await post(csvLine(0), 'text/csv'))).toEqual({ predictions: expected([0]) });
  });

  it('answers 415 for other content types, 413 over the size limit, 404 elsewhere', async () => {
    const xml = await post('<x/>', 'application/xml');
    expect([xml.status, json(xml).error]).toEqual([415, "Content-Type must be text/csv or application/json (got 'application/xml')"]);
    const big = `${csvLine(0)}\n`.repeat(Math.ceil((6.5 * 1024 * 1024) / (csvLine(0).length + 1)));
    expect((await post(big, 'text/csv')).status).toBe(413);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await post(csvLine(0), 'text/csv')).status).toBe(200);
  });

  it('answers 20 concurrent requests, each with its own rows', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => i * 17);
    const answers = await Promise.all(rows.map((r) => post(csvLine(r), 'text/csv')));
    expect(answers.map(json)).toEqual(rows.map((r) => ({ predictions: expected([r]) })));
  });
});

describe('kiln serve as SageMaker starts it', () => {
  it('finds the model in <name>/kiln/ below the directory, serves, and exits 0 on SIGTERM', async () => {
    const sm = join(tmp, 'opt-ml-model');
    mkdirSync(join(sm, 'penguins', 'kiln'), { recursive: true });
    mkdirSync(join(sm, 'penguins', '1'));
    writeFileSync(join(sm, 'penguins', 'config.pbtxt'), 'name: "penguins"\n');
    for (const name of ['model.json', 'weights.bin', 'preprocessing.json']) writeFileSync(join(sm, 'penguins', 'kiln', name), readFileSync(join(modelDir, name)));
    expect(await findModelDir(sm)).toBe(join(sm, 'penguins', 'kiln'));

    const child = spawn(process.execPath, ['bin/kiln.js', 'serve', sm, '--port', '0', '--host', '127.0.0.1'], { cwd: root });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d;
        const m = /on http:\/\/127\.0\.0\.1:(\d+) /.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/ping`)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, timeout);
});
