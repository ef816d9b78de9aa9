/**
 * The largest CSV: a generated file of 1 GiB (200 MiB with --quick, or `--mb N`) loaded by the
 * page (the built app under `vite preview`, picked in Collect, streamed by the worker) in Debian's
 * Chromium, and by the runner's loader (`ingestCsv` over a file stream, as `kiln run` reads) in this
 * process. Reports the outcome (loaded, or the message shown), time, rows, and memory sampled
 * during the load: the renderer's RSS from /proc (page + worker; typed columns live outside the JS
 * heap), the page's JS heap from CDP Performance.getMetrics, the page's longest task, and Node's
 * peak RSS. ratio = page MB/s ÷ runner MB/s (wall clock, same file, same run).
 *
 * npm run bench -- big-csv [--quick] [--mb 1024] [--dist /tmp/dist-x]   (without --dist it builds the app first)
 * // → {"name":"big-csv","unit":"MB/s","kiln":…,"reference":…,"ratio":…,"page":{"outcome":"loaded","rows":…,"rendererPeakMB":…},…}
 */
import { chromium } from '@playwright/test';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { defaultChunkSize, ingestCsv } from '../src/core/collect/csv-ingest.ts';
import { chromiumArgs, chromiumPath } from '../test/e2e/chromium.ts';
import { openStage, watchPage } from '../test/e2e/helpers.ts';
import { writeIngestCsv } from './lib/csv-data.ts';
import { rssDuring, startRssSampler } from './lib/predict-proc.ts';

const MB = 1024 * 1024;
const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const quick = process.argv.includes('--quick');
const sizeMB = process.argv.includes('--mb') ? Number(arg('--mb')) : quick ? 200 : 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-big-csv-'));
try {
  const file = join(dir, 'big.csv');
  const bytes = await writeIngestCsv(file, sizeMB * MB);
  const node = await runnerLoad(file, bytes);
  const page = await pageLoad(file);
  const pageMBps = page.outcome === 'loaded' ? bytes / MB / page.seconds : 0;
  const result = {
    name: 'big-csv',
    unit: 'MB/s',
    kiln: round(pageMBps),
    reference: round(node.mbps),
    ratio: round(pageMBps / node.mbps, 3),
    referenceTool: "the runner's loader (ingestCsv over a file stream) in Node, same file",
    clock: 'wall',
    fileMB: round(bytes / MB),
    page,
    node,
    quick,
  };
  const line = JSON.stringify(result);
  console.log(line);
  writeFileSync(join(root, 'bench', 'results', 'big-csv.json'), line + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** `kiln run`'s table loader on the file: wall time, rows and peak RSS over the RSS before. */
async function runnerLoad(file: string, bytes: number) {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const table = await ingestCsv(createReadStream(file, { highWaterMark: defaultChunkSize }), { source: 'big.csv', total: bytes });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { rows: table.rowCount, seconds: round(seconds), mbps: bytes / MB / seconds, rssBeforeMB: Math.round(before / MB), rssPeakMB: Math.round(peak / MB) };
}

/** The page's load of the same file: outcome, time and memory while it ran. */
async function pageLoad(file: string) {
  const outDir = process.argv.includes('--dist') ? arg('--dist') : join(dir, 'dist');
  if (!process.argv.includes('--dist')) await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', preview: { port: 4193, strictPort: false, host: '127.0.0.1' }, build: { outDir } });
  const origin = server.resolvedUrls!.local[0].replace(/\/$/, '');
  const sampler = startRssSampler(100);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    let crashed = false;
    page.on('crash', () => (crashed = true));
    const watch = await watchPage(page, origin);
    await page.goto(origin + '/');
    await openStage(page, 'Collect');
    await page.getByTestId('label-input').fill('label');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let heapPeak = 0;
    let sampling = true;
    const heapLoop = (async () => {
      while (sampling) {
        const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] as { name: string; value: number }[] }));
        heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await watch.resetLongTasks();
    const start = Date.now();
    await page.getByTestId('csv-input').setInputFiles(file); // a path: Chromium reads the file itself, nothing is copied
    const loaded = page.getByTestId('loaded').filter({ hasText: 'big.csv' });
    const error = page.getByTestId('load-error');
    await Promise.race([loaded.waitFor({ timeout: 30 * 60_000 }), error.waitFor({ timeout: 30 * 60_000 }), page.waitForEvent('crash', { timeout: 30 * 60_000 })]).catch(() => {});
    const end = Date.now();
    sampling = false;
    await heapLoop;
    const summary = crashed ? '' : ((await loaded.count()) ? await loaded.locator('p').first().textContent() : await error.textContent());
    const rows = Number(/([\d,]+) rows/.exec(summary ?? '')?.[1]?.replaceAll(',', '') ?? 0);
    const longest = crashed ? null : Math.round(Math.max(0, ...(await watch.longTasks())));
    await page.screenshot({ path: join(root, 'test-results', 'screens', 'big-csv.png') }).catch(() => {});
    return {
      outcome: crashed ? 'crashed' : rows > 0 ? 'loaded' : 'refused',
      shown: summary?.trim(),
      rows,
      seconds: round((end - start) / 1000),
      jsHeapPeakMB: Math.round(heapPeak / MB),
      longestTaskMs: longest,
      memory: { source: '/proc VmRSS every 100 ms during the load', ...rssDuring(sampler.stop(), start, end) },
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
