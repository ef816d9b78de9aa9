/**
 * The training benchmark: two workloads (a tabular MLP and the tfjs-examples MNIST convnet), each
 * trained by TF.js's `model.fit` with an `onBatchEnd` callback (the reference) and by Kiln's own
 * loop, on the same data and backend in the same Chromium run, in a worker as Kiln trains. Also
 * measures whether "auto" picks the fastest backend, and main-thread long tasks meanwhile.
 *
 * npm run bench -- train [--quick] [--backend webgpu|webgl|cpu]
 * // → {"name":"train","unit":"samples/s","kiln":…,"reference":…,"ratio":…,"convnetRatio":…,"backend":…,"engine":{"mlp":"fused"|"generic",…},"autoVsBest":…}
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../test/e2e/chromium.ts';

const quick = process.argv.includes('--quick');
const backendAt = process.argv.indexOf('--backend');
const backend = backendAt > 0 ? process.argv[backendAt + 1] : '';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Arm {
  samplesPerSecond: number;
  finalLoss: number;
  tensors: [number, number];
  engine?: string;
}
interface Auto {
  auto: string;
  measured: Record<string, number>;
  ratio: number;
}
interface PageResult {
  error?: string;
  backend: string;
  convnetBackend: string;
  available: string[];
  autoMlp: Auto;
  autoConv: Auto | null;
  mlp: { reference: Arm; kiln: Arm };
  convnet: { reference: Arm; kiln: Arm };
  longTasks: number[];
}

const started = Date.now();
const server = await createServer({ root, logLevel: 'error', server: { port: 4181, strictPort: false } });
await server.listen();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage();
  const url = new URL(`bench/browser/train.html?quick=${quick ? 1 : 0}&backend=${backend}`, server.resolvedUrls!.local[0]).href;
  await page.goto(url);
  await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 30 * 60_000, polling: 1000 });
  const got = (await page.evaluate(() => window.benchResult)) as PageResult;
  if (got.error) throw new Error(got.error);
  for (const [name, arm] of [['mlp kiln', got.mlp.kiln], ['convnet kiln', got.convnet.kiln]] as const) {
    if (arm.tensors[0] !== arm.tensors[1]) throw new Error(`${name}: tensor count grew from ${arm.tensors[0]} to ${arm.tensors[1]}`);
  }
  const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
  const autoRatios = [got.autoMlp.ratio, got.autoConv?.ratio].filter((r): r is number => r !== undefined);
  const result = {
    name: 'train',
    unit: 'samples/s',
    kiln: round(got.mlp.kiln.samplesPerSecond),
    reference: round(got.mlp.reference.samplesPerSecond),
    ratio: round(got.mlp.kiln.samplesPerSecond / got.mlp.reference.samplesPerSecond, 3),
    convnetKiln: round(got.convnet.kiln.samplesPerSecond),
    convnetReference: round(got.convnet.reference.samplesPerSecond),
    convnetRatio: round(got.convnet.kiln.samplesPerSecond / got.convnet.reference.samplesPerSecond, 3),
    backend: got.backend,
    engine: { mlp: got.mlp.kiln.engine, convnet: got.convnet.kiln.engine },
    convnetBackend: got.convnetBackend,
    autoVsBest: round(Math.min(...autoRatios), 3),
    auto: { mlp: got.autoMlp, convnet: got.autoConv },
    finalLoss: { mlp: [round(got.mlp.reference.finalLoss, 4), round(got.mlp.kiln.finalLoss, 4)], convnet: [round(got.convnet.reference.finalLoss, 4), round(got.convnet.kiln.finalLoss, 4)] },
    longTasksOver50ms: got.longTasks.filter((ms) => ms > 50).length,
    longestTaskMs: Math.max(0, ...got.longTasks),
    quick,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const line = JSON.stringify(result);
  console.log(line);
  const out = join(root, 'bench', 'results', 'train.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, line + '\n');
} finally {
  await browser.close();
  await server.close();
}
