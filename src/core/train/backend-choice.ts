import type { BackendPreference } from '../spec/schema.ts';
import type { BackendChoice, BackendName } from './protocol.ts';

/** What the worker learned about WebGPU before choosing; null when `navigator.gpu` is absent. */
export interface AdapterFacts {
  /** True when the adapter is a software rasteriser such as SwiftShader. */
  isFallback: boolean;
  /** Human-readable vendor/architecture, e.g. "google swiftshader". */
  description: string;
}

/** Order of preference when nothing is measured: a hardware GPU first, then WASM (SIMD) before plain JavaScript. */
const preferenceOrder: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Decides whether `auto` can pick without measuring: only a hardware WebGPU adapter wins outright.
 *
 * needsMeasurement('auto', { isFallback: true, description: 'swiftshader' }) // → true
 */
export function needsMeasurement(pref: BackendPreference, adapter: AdapterFacts | null, available: readonly BackendName[]): boolean {
  if (pref !== 'auto') return false;
  if (adapter && !adapter.isFallback && available.includes('webgpu')) return false;
  return available.length > 1;
}

/**
 * Chooses the backend and explains why, from what is available and (for `auto`) what was measured.
 *
 * chooseBackend('auto', swiftshader, ['webgpu', 'webgl', 'cpu'], { webgpu: 24, webgl: 162, cpu: 70 })
 * // → { name: 'webgl', reason: 'WebGPU adapter is a software fallback (swiftshader); webgl measured fastest: …', … }
 */
export function chooseBackend(
  pref: BackendPreference,
  adapter: AdapterFacts | null,
  available: readonly BackendName[],
  measured: Partial<Record<BackendName, number>> = {},
): BackendChoice {
  if (available.length === 0) throw new Error('No TF.js backend could be initialised');
  if (pref !== 'auto') {
    if (!available.includes(pref)) {
      throw new Error(`Backend '${pref}' is not available here (available: ${available.join(', ')})`);
    }
    return { name: pref, reason: `forced by the user`, basis: 'forced', measured };
  }
  if (adapter && !adapter.isFallback && available.includes('webgpu')) {
    return { name: 'webgpu', reason: `hardware WebGPU adapter (${adapter.description})`, basis: 'hardware', measured };
  }
  const timed = available.filter((b) => measured[b] !== undefined && Number.isFinite(measured[b]));
  const why = adapter
    ? `WebGPU adapter is a software fallback (${adapter.description})`
    : 'WebGPU is not available';
  if (timed.length > 0) {
    const best = timed.reduce((a, b) => (measured[b]! > measured[a]! ? b : a));
    const table = timed.map((b) => `${b} ${Math.round(measured[b]!)}`).join(', ');
    return { name: best, reason: `${why}; ${best} measured fastest (${table} samples/s)`, basis: 'measured', measured };
  }
  const first = preferenceOrder.find((b) => available.includes(b))!;
  return { name: first, reason: `${why}; using ${first}`, basis: 'fallback', measured };
}

/**
 * The choice made as `auto` after a forced backend could not start, saying so first, so the runner's
 * one backend line tells the user both.
 *
 * fellBack('webgpu', 'Dawn found no GPU adapter', wasmChoice)
 * // → { name: 'wasm', reason: "webgpu was asked for, but Dawn found no GPU adapter; chosen as auto instead: WebGPU is not available; wasm measured fastest (…)", … }
 */
export function fellBack(asked: BackendName, why: string, auto: BackendChoice): BackendChoice {
  return { ...auto, reason: `${asked} was asked for, but ${why}; chosen as auto instead: ${auto.reason}` };
}
