/**
 * Batch prediction in the page: the Deploy stage's batch job (`predictBatch` in the app's own
 * worker, Blob sink) over a generated 1M-row CSV File (100k with --quick) in Debian's Chromium,
 * against the Node runner's job (`kiln predict`, file sink) on the byte-identical file with the
 * same exported model, in the same run: ratio = browser rows/s ÷ Node rows/s, both wall-clock
 * (the worker's CPU time cannot be read from the page). The renderer's peak RSS comes from /proc,
 * sampled every 50 ms. Extra: live prediction round trips page → worker → page.
 *
 * npm run bench -- predict-browser [--quick]
 * // → {"name":"predict-browser","unit":"rows/s","kiln":…,"reference":…,"ratio":…,"memory":{…},"live":{"p50ms":…}}
 */
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../test/e2e/chromium.ts';
import { kilnPass, round, writePredictCsv } from './lib/predict-node.ts';
import { rssDuring, startRssSampler } from './lib/predict-proc.ts';

const quick = process.argv.includes('--quick');
const rows = quick ? 100_000 : 1_000_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface PageResult {
  error?: string;
  rows: number;
  errors: number;
  fileBytes: number;
  outputBytes: number;
  wallMs: number;
  workerMs: number;
  batchStart: number;
  batchEnd: number;
  live: Record<string, unknown>;
  model: { bytes: number[] };
  crossOriginIsolated: boolean;
}

// Cross-origin isolation gives the page 5 µs timers instead of 100 µs, for the live round trips.
const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const server = await createServer({ root, logLevel: 'error', server: { port: 4181, strictPort: false, headers } });
await server.listen();
const sampler = startRssSampler(50);
let got: PageResult;
try {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(new URL(`bench/browser/predict.html?rows=${rows}`, server.resolvedUrls!.local[0]).href);
    await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 30 * 60_000, polling: 1000 });
    got = (await page.evaluate(() => window.benchResult)) as PageResult;
  } finally {
    await browser.close();
  }
} finally {
  await server.close();
}
const samples = sampler.stop();
if (got.error?.includes('Maximum call stack')) {
  // Blob streams hand the worker chunks of up to 2 MB (~64k short rows), and a worker's stack holds fewer spread arguments.
  throw new Error(`the page's batch job overflowed the stack, likely predictCsv's pending.push(...rows) on a 2 MB chunk:\n${got.error}`);
}
if (got.error) throw new Error(got.error);
if (got.rows !== rows) throw new Error(`the page predicted ${got.rows} rows of ${rows}`);

// The reference: the runner's job on the same bytes with the model the page trained.
const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-predict-browser-'));
try {
  const modelDir = join(dir, 'model');
  mkdirSync(modelDir);
  for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(got.model.bytes)))) writeFileSync(join(modelDir, basename(path)), bytes);
  const input = join(dir, 'in.csv');
  if ((await writePredictCsv(input, rows)) !== got.fileBytes) throw new Error('the Node file differs from the page file');
  await writePredictCsv(join(dir, 'warm.csv'), 20_000);
  await kilnPass(modelDir, join(dir, 'warm.csv'), join(dir, 'warm-out.csv'));
  const node = await kilnPass(modelDir, input, join(dir, 'out.csv'));
  if (node.rows !== got.rows || node.errors !== got.errors) throw new Error(`Node: ${node.rows} rows, ${node.errors} errors; page: ${got.rows}, ${got.errors}`);

  const kiln = Math.round(rows / (got.wallMs / 1000));
  const reference = Math.round(rows / node.wall);
  const result = {
    name: 'predict-browser',
    unit: 'rows/s',
    kiln,
    reference,
    ratio: round(kiln / reference, 3),
    referenceTool: 'kiln predict in-process in Node (same file, same model, file sink)',
    clock: 'wall',
    workerRowsPerSecond: Math.round(rows / (got.workerMs / 1000)),
    rows,
    rowErrors: got.errors,
    fileMB: round(got.fileBytes / 1024 / 1024),
    outputMB: round(got.outputBytes / 1024 / 1024),
    memory: { source: '/proc VmRSS every 50 ms during the batch job', ...rssDuring(samples, got.batchStart, got.batchEnd) },
    live: got.live,
    crossOriginIsolated: got.crossOriginIsolated,
    quick,
  };
  const line = JSON.stringify(result);
  console.log(line);
  writeFileSync(join(root, 'bench', 'results', 'predict-browser.json'), line + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
