import { describe, expect, it } from 'vitest';
import { chooseBackend, needsMeasurement, type AdapterFacts } from '../../../src/core/train/backend-choice.ts';
import type { BackendName } from '../../../src/core/train/protocol.ts';

const all: BackendName[] = ['webgpu', 'webgl', 'cpu'];
const hardware: AdapterFacts = { isFallback: false, description: 'nvidia ampere' };
const swiftshader: AdapterFacts = { isFallback: true, description: 'google swiftshader' };

describe('chooseBackend with a forced backend', () => {
  it('returns the forced backend, whatever the adapter or the measurements say', () => {
    const measured = { webgpu: 500, webgl: 10, cpu: 5 };
    expect(chooseBackend('cpu', hardware, all, measured)).toEqual({ name: 'cpu', reason: 'forced by the user', basis: 'forced', measured });
    expect(chooseBackend('webgl', null, ['webgl', 'cpu'])).toEqual({ name: 'webgl', reason: 'forced by the user', basis: 'forced', measured: {} });
  });

  it('throws naming the backend and what is available when the forced one is not', () => {
    expect(() => chooseBackend('webgpu', null, ['webgl', 'cpu'])).toThrow(
      "Backend 'webgpu' is not available here (available: webgl, cpu)",
    );
  });

  it('never needs a measurement', () => {
    expect(needsMeasurement('webgl', swiftshader, all)).toBe(false);
    expect(needsMeasurement('cpu', null, all)).toBe(false);
  });
});

describe('chooseBackend with auto', () => {
  it('takes a hardware WebGPU adapter outright, without measuring', () => {
    expect(needsMeasurement('auto', hardware, all)).toBe(false);
    expect(chooseBackend('auto', hardware, all)).toEqual({
      name: 'webgpu',
      reason: 'hardware WebGPU adapter (nvidia ampere)',
      basis: 'hardware',
      measured: {},
    });
  });

  it('measures when the WebGPU adapter is a SwiftShader fallback, and picks the fastest', () => {
    expect(needsMeasurement('auto', swiftshader, all)).toBe(true);
    const measured = { webgpu: 24, webgl: 162, cpu: 70 };
    const choice = chooseBackend('auto', swiftshader, all, measured);
    expect(choice.name).toBe('webgl');
    expect(choice.measured).toEqual(measured);
    expect(choice.reason).toContain('WebGPU adapter is a software fallback (google swiftshader)');
    expect(choice.reason).toContain('webgl measured fastest');
    expect(choice.reason).toContain('(webgpu 24, webgl 162, cpu 70 samples/s)');
  });

  it('does not trust a hardware adapter when the WebGPU backend itself failed to start', () => {
    expect(needsMeasurement('auto', hardware, ['webgl', 'cpu'])).toBe(true);
    expect(chooseBackend('auto', hardware, ['webgl', 'cpu'], { webgl: 40, cpu: 90 }).name).toBe('cpu');
  });

  it('picks the fastest measured backend when there is no WebGPU', () => {
    expect(needsMeasurement('auto', null, ['webgl', 'cpu'])).toBe(true);
    const choice = chooseBackend('auto', null, ['webgl', 'cpu'], { webgl: 30, cpu: 95.4 });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('WebGPU is not available; cpu measured fastest (webgl 30, cpu 95 samples/s)');
  });

  it('ignores measurements of unavailable backends and non-finite ones', () => {
    const choice = chooseBackend('auto', null, ['webgl', 'cpu'], { webgpu: 1000, webgl: Number.NaN, cpu: 12 });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('WebGPU is not available; cpu measured fastest (cpu 12 samples/s)');
  });

  it('breaks a measured tie in preference order', () => {
    expect(chooseBackend('auto', swiftshader, all, { webgpu: 50, webgl: 50, cpu: 50 }).name).toBe('webgpu');
  });

  it('falls back to preference order when nothing was measured', () => {
    expect(chooseBackend('auto', null, ['webgl', 'cpu'])).toEqual({
      name: 'webgl',
      reason: 'WebGPU is not available; using webgl',
      basis: 'fallback',
      measured: {},
    });
    expect(chooseBackend('auto', swiftshader, all).name).toBe('webgpu');
    expect(chooseBackend('auto', null, ['cpu']).reason).toBe('WebGPU is not available; using cpu');
  });

  it('needs no measurement when only one backend is available', () => {
    expect(needsMeasurement('auto', null, ['cpu'])).toBe(false);
    expect(needsMeasurement('auto', swiftshader, ['webgpu'])).toBe(false);
  });

  it('throws when no backend is available at all', () => {
    expect(() => chooseBackend('auto', null, [])).toThrow('No TF.js backend could be initialised');
  });
});
