import { untrack } from 'svelte';
import type { PreparePreview } from '../../core/prepare/preview.ts';
import type { PipelineSpec } from '../../core/spec/schema.ts';
import { bridge, plain } from '../../lib/bridge.ts';

/** Wait after the last edit before asking the worker, so typing an expression plans once, not per key. */
const debounceMs = 300;
/** Rows shown before and after. */
const previewRows = 10;

/** The latest before/after preview, whether a newer one is on its way, and a failure of the call itself. */
export interface PreparePreviewState {
  preview: PreparePreview | null;
  loading: boolean;
  failure: string | null;
}

/**
 * Keeps the prepare preview in step with the spec: whenever what the steps read (data,
 * prepare, split, seed, task) or the loaded data (`key`) changes, waits `debounceMs` and asks the
 * worker; answers to older requests are dropped. Call during component set-up.
 */
export function trackPreparePreview(source: () => { spec: PipelineSpec; key: unknown }): PreparePreviewState {
  const state = $state<PreparePreviewState>({ preview: null, loading: false, failure: null });
  let ticket = 0;
  $effect(() => {
    const { spec, key } = source();
    // Reading these deeply (via JSON) subscribes the effect to them; model or training edits do not re-plan.
    JSON.stringify([spec.data, spec.prepare, spec.split, spec.seed, spec.task]);
    const id = ++ticket;
    if (key === null) return;
    untrack(() => (state.loading = true));
    const request = untrack(() => plain(spec));
    const timer = setTimeout(async () => {
      try {
        const preview = await bridge.api.previewPrepare(request, previewRows);
        if (id !== ticket) return; // the spec changed while the worker was planning
        Object.assign(state, { preview, loading: false, failure: null });
      } catch (e) {
        if (id === ticket) Object.assign(state, { loading: false, failure: `Could not preview the steps: ${(e as Error).message}` });
      }
    }, debounceMs);
    return () => clearTimeout(timer);
  });
  return state;
}
