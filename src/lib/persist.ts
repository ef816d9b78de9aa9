import type { PipelineSpec } from '../core/spec/schema.ts';
import { validateSpec } from '../core/spec/validate.ts';

const key = 'kiln.spec.v1';

/** The spec saved by the last session, if it is still valid; otherwise null. */
export function restoreSpec(storage: Storage = localStorage): PipelineSpec | null {
  try {
    const text = storage.getItem(key);
    if (!text) return null;
    const result = validateSpec(JSON.parse(text));
    return result.ok ? result.spec : null;
  } catch {
    return null; // storage blocked or corrupt: start fresh rather than fail
  }
}

/** Saves the spec so the first paint after a reload has the user's choices; the project (data, model, runs) is in IndexedDB (projects.svelte.ts). */
export function saveSpec(spec: PipelineSpec, storage: Storage = localStorage): void {
  try {
    storage.setItem(key, JSON.stringify(spec));
  } catch {
    // Quota or privacy mode: persistence is a convenience, not a requirement.
  }
}

/** The spec as a downloadable JSON file that `npx kiln run` accepts. */
export function specFile(spec: PipelineSpec): Blob {
  return new Blob([JSON.stringify(spec, null, 2) + '\n'], { type: 'application/json' });
}
