import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fellBack } from '../../../src/core/train/backend-choice.ts';
import type { EpochLogs } from '../../../src/core/train/protocol.ts';
import { activate, webGpuProblem } from '../../../workers/train/backends.ts';
import { fitModel } from '../../../workers/train/fit.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { clusters, smallMlp, trainSpec } from './loop-helpers.ts';

// The runner on WebGPU in Node through Dawn (the `webgpu` package), here on SwiftShader: Debian's
// Chromium ships the Vulkan driver and its loader. The same seeded MLP trains on WebGPU and on the
// CPU backend; float sums run in other orders on the GPU, so each epoch's loss must agree within
// 1e-3 relative and accuracy exactly (measured: losses within 9e-8).

const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!process.env.VK_ICD_FILENAMES && existsSync(swiftshader)) process.env.VK_ICD_FILENAMES = swiftshader;
const problem = process.platform === 'linux' && !process.env.VK_ICD_FILENAMES ? `no ${swiftshader}` : await webGpuProblem();

async function trainOnBackend(backend: 'webgpu' | 'cpu'): Promise<{ history: EpochLogs[]; leftBehind: number }> {
  expect(await activate(backend)).toBe(true);
  const data = clusters(20, 9);
  const train = trainSpec({ epochs: 4, batchSize: 16, learningRate: 0.01 });
  const before = tf.memory().numTensors;
  const model = smallMlp(train, 3);
  const outcome = await fitModel(model, data, data, { train, task: 'classification', seed: 4, engine: 'generic', shouldStop: () => false, onEpoch: () => {} });
  disposeModel(model);
  const leftBehind = tf.memory().numTensors - before;
  tf.dispose([data.x, data.y]);
  return { history: outcome.history, leftBehind };
}

beforeAll(() => void tf.env().set('PROD', true));
afterAll(async () => void (await activate('cpu')));

describe.skipIf(problem !== null)(`WebGPU in Node${problem ? ` (skipped: ${problem})` : ''}`, () => {
  it('trains an MLP on webgpu that follows the CPU run: loss within 1e-3, accuracy equal, nothing left behind', async () => {
    const gpu = await trainOnBackend('webgpu');
    const cpu = await trainOnBackend('cpu');
    expect(gpu.history).toHaveLength(4);
    for (const [i, ref] of cpu.history.entries()) {
      const got = gpu.history[i];
      expect(Math.abs(got.loss - ref.loss) / ref.loss).toBeLessThan(1e-3);
      expect(Math.abs(got.valLoss! - ref.valLoss!) / ref.valLoss!).toBeLessThan(1e-3);
      expect(got.acc).toBeCloseTo(ref.acc!, 6);
    }
    expect(gpu.history.at(-1)!.loss).toBeLessThan(gpu.history[0].loss);
    expect([gpu.leftBehind, cpu.leftBehind]).toEqual([0, 0]);
  }, 60_000);
});

describe('webgpu asked for where it cannot start', () => {
  it('says why and goes on as auto would', () => {
    const auto = { name: 'wasm' as const, reason: 'WebGPU is not available; wasm measured fastest (wasm 800, cpu 6 samples/s)', basis: 'measured' as const, measured: { wasm: 800, cpu: 6 } };
    expect(fellBack('webgpu', 'Dawn found no GPU adapter', auto)).toEqual({
      ...auto,
      reason: 'webgpu was asked for, but Dawn found no GPU adapter; chosen as auto instead: WebGPU is not available; wasm measured fastest (wasm 800, cpu 6 samples/s)',
    });
  });

  it.runIf(process.platform === 'linux')('in a runner whose Vulkan driver list names nothing, picks a CPU backend and names the reason', () => {
    // A fresh process: Dawn and the Vulkan loader read the driver list once.
    const code = "const { pickBackend } = await import('./workers/train/pick-backend.ts'); console.log(JSON.stringify(await pickBackend('webgpu', async () => 1)));";
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', code], { env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' }, encoding: 'utf8' });
    const choice = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(['wasm', 'cpu']).toContain(choice.name);
    expect(choice.reason).toMatch(/^webgpu was asked for, but (no Vulkan loader here|Dawn found no GPU adapter)/);
    expect(choice.reason).toContain('chosen as auto instead: WebGPU is not available;');
  }, 30_000);
});
