import { KilnError } from '../../src/core/errors.ts';
import type { BackendPreference } from '../../src/core/spec/schema.ts';
import { chooseBackend, fellBack, needsMeasurement } from '../../src/core/train/backend-choice.ts';
import type { BackendChoice, BackendName } from '../../src/core/train/protocol.ts';
import { activate, availableBackends, describeAdapter, webGpuProblem } from './backends.ts';

/** Backends whose first step at a shape costs what every later one does (no shaders to compile), so a short probe can rule them out. */
const probeable: readonly BackendName[] = ['wasm', 'cpu'];

let bar = 0;

/**
 * The samples/s the backend being timed must be able to beat, or 0 to time it in full:
 * `measureThroughput` reads it to stop early on a backend that is clearly slower than the best so far.
 */
export function timingBar(): number {
  return bar;
}

/**
 * Activates the backend to train on. Forced backends are activated as asked (WebGPU that cannot
 * start falls back as `auto`, the reason saying why); `auto` calls
 * `measure` (samples/s of the real model on the active backend) on each one when the GPU is software,
 * with `timingBar()` set to the best rate so far for the CPU-side backends.
 * Both the table and the image pipeline choose through here.
 */
export async function pickBackend(pref: BackendPreference, measure: () => Promise<number>): Promise<BackendChoice> {
  if (pref !== 'auto') {
    if (await activate(pref)) return chooseBackend(pref, null, [pref]);
    // A GPU may be missing from the machine the spec runs on: go on as auto would, saying why.
    if (pref === 'webgpu') return fellBack(pref, (await webGpuProblem()) ?? 'it did not start', await pickBackend('auto', measure));
    throw new KilnError(`backend '${pref}' could not be started here; choose 'auto' to use what works`);
  }
  const available = await availableBackends();
  const adapter = available.includes('webgpu') ? await describeAdapter() : null;
  const measured: Partial<Record<BackendName, number>> = {};
  if (needsMeasurement(pref, adapter, available)) {
    for (const name of available) {
      await activate(name);
      bar = probeable.includes(name) ? Math.max(0, ...Object.values(measured).filter(Number.isFinite)) : 0;
      try {
        measured[name] = await measure();
      } finally {
        bar = 0;
      }
    }
  }
  const choice = chooseBackend(pref, adapter, available, measured);
  await activate(choice.name);
  return choice;
}
