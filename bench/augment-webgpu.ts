/**
 * The augmentation benchmark on WebGPU: the same two arms as bench/augment.ts (one CNN, full
 * augmentation chain on vs off), run in Debian's Chromium through the project's own Vite and
 * Playwright. Wall-clock samples/s, since the work is on the GPU (here SwiftShader's emulated
 * one, so absolute numbers are low; the ratio is what the budget is about).
 *
 * npm run bench -- augment-webgpu [--quick]
 * // → {"name":"augment-webgpu","unit":"samples/s","kiln":…,"reference":…,"ratio":…}
 */
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../test/e2e/chromium.ts';

const quick = process.argv.includes('--quick');
const n = quick ? 64 : 256;
const rounds = quick ? 1 : 2;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const server = await createServer({ root, logLevel: 'error', server: { port: 4180, strictPort: false } });
await server.listen();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage();
  const url = new URL(`bench/browser/augment.html?n=${n}&rounds=${rounds}`, server.resolvedUrls!.local[0]).href;
  await page.goto(url);
  await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 15 * 60_000, polling: 1000 });
  const got = (await page.evaluate(() => window.benchResult)) as {
    error?: string;
    backend: string;
    adapter: string | null;
    plain: { wall: number };
    augmented: { wall: number };
    tensors: [number, number];
  };
  if (got.error) throw new Error(got.error);
  if (got.tensors[0] !== got.tensors[1]) throw new Error(`tensor count grew from ${got.tensors[0]} to ${got.tensors[1]}`);
  const perSecond = (ms: number) => Math.round(((n * rounds * 1000) / ms) * 100) / 100;
  const [kiln, reference] = [perSecond(got.augmented.wall), perSecond(got.plain.wall)];
  const result = {
    name: 'augment-webgpu',
    unit: 'samples/s',
    kiln,
    reference,
    ratio: Math.round((kiln / reference) * 1000) / 1000,
    backend: got.backend,
    adapter: got.adapter,
    clock: 'wall',
    images: n,
    epochsPerArm: rounds,
  };
  const line = JSON.stringify(result);
  console.log(line);
  const out = join(root, 'bench', 'results', 'augment-webgpu.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, line + '\n');
} finally {
  await browser.close();
  await server.close();
}
