/**
 * Training a convnet without a GPU: the tfjs-examples MNIST convnet (conv 16·3×3 → maxpool →
 * conv 32·3×3 → maxpool → conv 32·3×3 → flatten → dense 64 → dense 10, RMSprop, batch 320) on
 * random 28×28×1 data, in one run: Kiln's fastest CPU path (its own loop on the WASM backend, with
 * Kiln's gradient kernels), plain TF.js on its CPU backend (`model.fit`), and the same network in
 * PyTorch's CPU build (Debian's python3-torch) at the same thread count. WASM runs one thread.
 *
 * npm run bench -- cnn-cpu [--quick]
 * // → {"name":"cnn-cpu","unit":"samples/s","kiln":…,"tfjsCpu":…,"reference":…,"ratio":…,"threads":1,…}
 *
 * ratio = Kiln ÷ PyTorch (null when PyTorch is missing); cpuRatio = Kiln ÷ plain TF.js CPU.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activate } from '../workers/train/backends.ts';
import { compileFor } from '../workers/train/optimizer.ts';
import { convnet, runArm, type ArmResult } from './lib/train-arms.ts';

const quick = process.argv.includes('--quick');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const python = '/usr/bin/python3'; // Debian's python3-torch lives here, not in a pyenv python on PATH
const threads = 1; // the WASM arm is single-threaded (see workers/train/wasm/setup.ts)
// Kiln and PyTorch train 8 batches × 2 epochs (quick: 2 × 1); TF.js CPU, ~100× slower, one batch.
const rows = quick ? 640 : 2560;
const epochs = quick ? 1 : 2;
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
const started = Date.now();
tf.env().set('PROD', true);

const progress = () => {};
/** Kiln's own loop (fitModel) on `backend`, after a warm-up epoch of two batches. */
async function arm(backend: 'wasm', kind: 'kiln', n: number, e: number): Promise<ArmResult> {
  if (!(await activate(backend))) throw new Error(`the ${backend} backend did not start`);
  const result = await runArm(convnet(n), kind, e, progress);
  console.error(`cnn-cpu: Kiln on ${backend}: ${round(result.samplesPerSecond)} samples/s`);
  return result;
}

function pytorch(): { samplesPerSecond: number; finalLoss: number; threads: number } | null {
  if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) {
    console.error(`cnn-cpu: PyTorch not found in ${python} (apt-get install python3-torch); skipping the reference`);
    return null;
  }
  const run = spawnSync(python, [fileURLToPath(new URL('./cnn-cpu.py', import.meta.url)), String(rows), String(epochs), String(threads)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`PyTorch reference failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
  console.error(`cnn-cpu: PyTorch CPU (${result.threads} thread): ${round(result.samplesPerSecond)} samples/s`);
  return result;
}

/** Plain TF.js: `model.fit` on its CPU backend for one batch (a warm-up would double a long wait). */
async function tfjsCpu(): Promise<{ samplesPerSecond: number; finalLoss: number }> {
  await activate('cpu');
  const work = convnet(320);
  const [data, model] = [work.data(), work.model()];
  compileFor(model, work.train, 'classification');
  const start = performance.now();
  const history = await model.fit(data.x, data.y, { epochs: 1, batchSize: 320, verbose: 0 });
  const samplesPerSecond = (320 * 1000) / (performance.now() - start);
  model.optimizer?.dispose();
  model.dispose();
  tf.dispose([data.x, data.y]);
  console.error(`cnn-cpu: TF.js model.fit on cpu: ${round(samplesPerSecond)} samples/s`);
  return { samplesPerSecond, finalLoss: history.history.loss.at(-1) as number };
}

const kiln = await arm('wasm', 'kiln', rows, epochs);
const torch = pytorch();
const cpu = await tfjsCpu();
const result = {
  name: 'cnn-cpu',
  unit: 'samples/s',
  kiln: round(kiln.samplesPerSecond),
  tfjsCpu: round(cpu.samplesPerSecond),
  reference: torch ? round(torch.samplesPerSecond) : null,
  ratio: torch ? round(kiln.samplesPerSecond / torch.samplesPerSecond, 3) : null,
  cpuRatio: round(kiln.samplesPerSecond / cpu.samplesPerSecond, 1),
  kilnBackend: 'wasm',
  engine: kiln.engine,
  threads,
  finalLoss: { kiln: round(kiln.finalLoss, 4), tfjsCpu: round(cpu.finalLoss, 4), reference: torch ? round(torch.finalLoss, 4) : null },
  tensorsFlat: kiln.tensors[0] === kiln.tensors[1],
  rows,
  epochs,
  quick,
  seconds: Math.round((Date.now() - started) / 1000),
};
const line = JSON.stringify(result);
console.log(line);
const out = join(root, 'bench', 'results', 'cnn-cpu.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, line + '\n');
