import * as tf from '@tensorflow/tfjs';
import type { AdapterFacts } from '../../src/core/train/backend-choice.ts';
import type { BackendName } from '../../src/core/train/protocol.ts';
import { installNodeGpu } from './node-gpu.ts';
import { registerWasm } from './wasm/setup.ts';

let webgpuImport: Promise<string | null> | null = null;

/**
 * Registers the WebGPU backend when this runtime has `navigator.gpu` (in Node, after installing
 * Dawn's); WebGL and CPU ship with tfjs, WASM loads on demand. Resolves to why WebGPU is not
 * available here, or null.
 */
function registerWebGpu(): Promise<string | null> {
  webgpuImport ??= (async () => {
    const problem = await installNodeGpu();
    if (!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) return problem ?? 'this browser has no WebGPU (navigator.gpu)';
    await import('@tensorflow/tfjs-backend-webgpu');
    return null;
  })();
  return webgpuImport;
}

/** Why WebGPU cannot be used here, in words for one line, or null when it registered. */
export function webGpuProblem(): Promise<string | null> {
  return registerWebGpu();
}

/** Asks WebGPU for an adapter and reports whether it is real hardware; null without WebGPU. */
export async function describeAdapter(): Promise<AdapterFacts | null> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return null;
  const info = adapter.info ?? ({} as GPUAdapterInfo);
  const legacyFallback = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const text = [info.vendor, info.architecture, info.description, info.device].filter(Boolean).join(' ').trim();
  // Chromium reports SwiftShader as vendor "google", architecture "swiftshader"; older builds only flag isFallbackAdapter.
  const isFallback =
    Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter) ||
    Boolean(legacyFallback) ||
    /swiftshader|llvmpipe|software|basic render/i.test(text);
  return { isFallback, description: text || 'unknown adapter' };
}

/** Backends that initialise here, in preference order. Leaves the CPU backend active. */
export async function availableBackends(): Promise<BackendName[]> {
  await Promise.all([registerWebGpu(), registerWasm()]);
  const found: BackendName[] = [];
  for (const name of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
    if (!tf.findBackendFactory(name)) continue;
    if (await activate(name)) found.push(name);
  }
  await activate('cpu');
  return found;
}

/** Makes `name` the active backend; false when it fails to initialise. */
export async function activate(name: BackendName): Promise<boolean> {
  if (name === 'webgpu') await registerWebGpu();
  if (name === 'wasm' && !(await registerWasm())) return false;
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}
