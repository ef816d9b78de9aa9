import { untrack } from 'svelte';
import type { SplitPreviewResult } from '../../core/split/preview.ts';
import type { PipelineSpec } from '../../core/spec/schema.ts';
import { validateSpec, type SpecIssue } from '../../core/spec/validate.ts';
import { bridge, plain } from '../../lib/bridge.ts';

/** Wait after the last edit before asking the worker, so typing "0.15" plans once, not four times. */
const debounceMs = 250;

/** Problems with the split section. Paths are `split.<field>` or `split`. */
export function splitIssues(spec: PipelineSpec): SpecIssue[] {
  const checked = validateSpec(plain(spec));
  return checked.ok ? [] : checked.issues.filter((i) => i.path === 'split' || i.path.startsWith('split.'));
}

/** The latest split preview from the worker, and whether a newer one is on its way. */
export interface SplitPreviewState {
  result: SplitPreviewResult | null;
  loading: boolean;
}

/**
 * Keeps a split preview in step with the spec: whenever what planning reads (data, prepare,
 * split, seed, task, early stopping) or the loaded data changes, waits `debounceMs` and asks the
 * worker to plan; answers to older requests are dropped. Call during component set-up.
 */
export function trackSplitPreview(source: () => { spec: PipelineSpec; ready: boolean; loaded: unknown }): SplitPreviewState {
  const state = $state<SplitPreviewState>({ result: null, loading: false });
  let ticket = 0;
  $effect(() => {
    // `loaded` identifies the data set in the worker, so loading another file with the same name replans.
    const { spec, ready } = source();
    // Reading these (deeply, via JSON) is what subscribes the effect to them; model edits do not replan.
    JSON.stringify([spec.data, spec.prepare, spec.split, spec.seed, spec.task, spec.train.patience]);
    const id = ++ticket;
    if (!ready) {
      state.loading = false;
      return;
    }
    untrack(() => (state.loading = true));
    const request = untrack(() => plain(spec));
    const timer = setTimeout(async () => {
      const result = await bridge.api.previewSplit(request).catch((e: unknown): SplitPreviewResult => ({
        ok: false,
        error: `Could not plan the split: ${e instanceof Error ? e.message : String(e)}`,
      }));
      if (id !== ticket) return; // the spec changed while the worker was planning
      state.result = result;
      state.loading = false;
    }, debounceMs);
    return () => clearTimeout(timer);
  });
  return state;
}
