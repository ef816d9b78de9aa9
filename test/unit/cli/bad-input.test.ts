import { execFile } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputs } from '../../fixtures/bad-inputs.ts';

// Each run starts tsx (and, once the data is good, TF.js) in a fresh process.
const timeout = 90_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures', name);
const tmp = mkdtempSync(join(tmpdir(), 'kiln-bad-'));

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

/** Writes a spec for `source`/`label` (5 epochs: these tests are about the data) and runs `kiln run` on it. */
function run(source: string, label: string): Promise<Exit> {
  const spec = join(tmp, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(spec, JSON.stringify({ version: 1, data: { source, label }, train: { epochs: 5 } }));
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kiln.js', 'run', spec, '--out', join(tmp, 'out')], { cwd: root, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Expects a failed run with exactly one stderr line, no stack trace, and returns that line. */
function oneLine(exit: Exit): string {
  expect(exit.code, exit.stderr).toBe(1);
  const lines = exit.stderr.trimEnd().split('\n');
  expect(lines, exit.stderr).toHaveLength(1);
  return lines[0];
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kiln run on hostile CSV files', () => {
  for (const bad of badInputs) {
    const path = fixture(bad.file);
    const error = bad.error;
    if (error) {
      it(`fails with one line for ${bad.file}`, async () => {
        // The CLI names the file as the spec wrote it: here, the absolute path.
        expect(oneLine(await run(path, bad.label))).toBe(`kiln: ${path}${error.slice(bad.file.length)}`);
      }, timeout);
    } else {
      it(`warns and trains for ${bad.file}`, async () => {
        const exit = await run(path, bad.label);
        expect(exit.code, exit.stderr).toBe(0);
        for (const w of bad.warnings) expect(exit.stderr).toContain(`kiln: warning: ${path}: ${w}\n`);
        expect(exit.stdout).toMatch(/^test: accuracy /);
      }, timeout);
    }
  }
});

describe('kiln run with a URL as data.source', () => {
  let server: Server;
  let base: string;
  const queries: string[] = [];
  beforeAll(async () => {
    const iris = readFileSync(join(root, 'public/data/iris.csv'));
    const ragged = readFileSync(fixture('ragged.csv'));
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      queries.push(url.search);
      if (url.pathname === '/bucket/iris.csv' && url.searchParams.get('X-Amz-Signature') === 'abc') res.end(iris);
      else if (url.pathname === '/bucket/iris.csv') res.writeHead(403, 'Forbidden').end();
      else if (url.pathname === '/ragged.csv') res.end(ragged);
      else res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('downloads a presigned-style URL, keeping its query string', async () => {
    const exit = await run(`${base}/bucket/iris.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc`, 'species');
    expect(exit.code, exit.stderr).toBe(0);
    expect(queries).toContain('?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc');
  }, timeout);

  it('names the HTTP status, with a hint for an expired presigned link', async () => {
    expect(oneLine(await run(`${base}/bucket/iris.csv?X-Amz-Signature=old`, 'species'))).toBe(
      'kiln: iris.csv: download failed: HTTP 403 Forbidden (access denied; if it is a presigned link it may have expired, so make a fresh one)',
    );
    expect(oneLine(await run(`${base}/nope.csv`, 'species'))).toBe(
      'kiln: nope.csv: download failed: HTTP 404 Not Found (nothing at that address; check the URL)',
    );
  }, timeout);

  it('names the line of a bad row in a downloaded file', async () => {
    expect(oneLine(await run(`${base}/ragged.csv`, 'label'))).toBe('kiln: ragged.csv line 3: has 2 fields but the header has 3');
  }, timeout);

  it('says why a download could not start', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    expect(oneLine(await run(`http://127.0.0.1:${port}/x.csv`, 'y'))).toBe(
      'kiln: x.csv: could not download it (ECONNREFUSED); check the address and the network',
    );
  }, timeout);
});
