// Ingest benchmark: stream a generated CSV through the same core the browser worker uses
// (decode → Papa chunk parser → typed columns → profile) and compare MB/s with a reference
// measured on the same file in the same run. Prints one JSON line; saves bench/results/ingest.json.
// MB/s comes from process CPU time (user + system), because the machine's cores are shared and
// wall-clock time there measures the neighbours too; wall-clock MB/s is reported alongside.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { defaultChunkSize, ingestCsv } from '../src/core/collect/csv-ingest.ts';
import { profileTable } from '../src/core/prepare/profile.ts';
import { writeIngestCsv } from './lib/csv-data.ts';

const quick = process.argv.includes('--quick');
const MB = 1024 * 1024;
const size = (quick ? 20 : 100) * MB;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
try {
  const file = join(dir, 'ingest.csv');
  const bytes = await writeIngestCsv(file, size);
  // The first run is measured for memory, from a clean heap; it also warms the JIT for the timed run.
  const { memory } = await measureKiln(file, bytes);
  gc();
  const kiln = await measureKiln(file, bytes);
  const reference = measureReference(file, bytes);
  const result = {
    name: 'ingest',
    unit: 'MB/s',
    kiln: round(kiln.mbps),
    reference: round(reference.mbps),
    ratio: round(kiln.mbps / reference.mbps, 3),
    referenceTool: reference.tool,
    clock: 'cpu',
    wall: { kiln: round(kiln.wallMbps), reference: round(reference.wallMbps) },
    kilnParseOnly: round(kiln.parseMbps),
    fileMB: round(bytes / MB),
    rows: kiln.rows,
    quick,
    memory,
  };
  const line = JSON.stringify(result);
  console.log(line);
  writeFileSync(new URL('./results/ingest.json', import.meta.url), line + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Kiln's path, timed end to end from the file on disk to a profiled table; samples memory per chunk. */
async function measureKiln(file: string, bytes: number) {
  gc();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heapUsed: base.heapUsed, arrayBuffers: base.arrayBuffers };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  };
  const start = performance.now();
  const startCpu = cpuSeconds();
  const table = await ingestCsv(createReadStream(file, { highWaterMark: defaultChunkSize }), {
    source: 'ingest.csv',
    total: bytes,
    interval: 0,
    onProgress: sample,
  });
  const parsed = cpuSeconds() - startCpu;
  sample();
  const ingestPeak = { ...peak };
  const profile = profileTable(table, 'label');
  const seconds = cpuSeconds() - startCpu;
  const wall = (performance.now() - start) / 1000;
  sample();
  const tableBytes = table.columns.reduce((n, c) => n + (c.type === 'numeric' ? c.values.byteLength : c.codes.byteLength), 0);
  const over = (n: number) => round(n / bytes, 2);
  return {
    mbps: bytes / MB / seconds,
    wallMbps: bytes / MB / wall,
    parseMbps: bytes / MB / parsed,
    rows: profile.rowCount,
    // While ingesting (what the streaming parser holds), then with profileTable's own peak.
    memory: {
      baselineRssMB: round(base.rss / MB),
      ingestPeakRssMB: round(ingestPeak.rss / MB),
      ingestAddedRssOverFile: over(ingestPeak.rss - base.rss),
      ingestPeakHeapOverFile: over(ingestPeak.heapUsed),
      ingestPeakArrayBuffersOverFile: over(ingestPeak.arrayBuffers),
      tableOverFile: over(tableBytes),
      withProfileAddedRssOverFile: over(peak.rss - base.rss),
    },
  };
}

/** pandas read_csv + describe when python3 has pandas, else Papa.parse on the whole text (no typing). */
function measureReference(file: string, bytes: number): { mbps: number; wallMbps: number; tool: string } {
  const script =
    'import sys, time, pandas\n' +
    'c = time.process_time(); t = time.perf_counter()\n' +
    'df = pandas.read_csv(sys.argv[1]); df.describe(include="all")\n' +
    'print(time.process_time() - c, time.perf_counter() - t)';
  for (const python of ['/usr/bin/python3', 'python3']) {
    const run = spawnSync(python, ['-c', script, file], { encoding: 'utf8' });
    const [cpu, wall] = (run.stdout ?? '').trim().split(' ').map(Number);
    if (run.status === 0 && cpu > 0) {
      return { mbps: bytes / MB / cpu, wallMbps: bytes / MB / wall, tool: `pandas read_csv + describe (${python})` };
    }
  }
  gc();
  const start = performance.now();
  const startCpu = cpuSeconds();
  const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8'));
  const seconds = cpuSeconds() - startCpu;
  const wall = (performance.now() - start) / 1000;
  if (parsed.data.length < 2) throw new Error('reference parse read nothing');
  return { mbps: bytes / MB / seconds, wallMbps: bytes / MB / wall, tool: 'papaparse: readFile + one-shot Papa.parse(text), untyped (no pandas on this machine)' };
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function round(x: number, digits = 1): number {
  return Number(x.toFixed(digits));
}
