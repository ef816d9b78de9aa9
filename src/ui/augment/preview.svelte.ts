import { untrack } from 'svelte';
import type { AugmentSpecInput } from '../../core/augment/schema.ts';
import { bridge, plain } from '../../lib/bridge.ts';
import { identityAugment } from './op-meta.ts';

/** Wait after the last slider move before asking the worker, so a drag renders a few times, not fifty. */
const debounceMs = 150;
/** How many augmented variants the grid shows. */
export const variantCount = 12;

/** The latest preview from the worker: the source image, its variants, and what went wrong. */
export interface AugmentPreviewState {
  source: Uint8Array | null;
  variants: Uint8Array[];
  error: string | null;
  loading: boolean;
  /** Counts results shown, so a test (or a reader) can tell a fresh grid from the last one. */
  version: number;
}

/** What the preview depends on; `loaded` identifies the image set resident in the worker. */
export interface PreviewRequest {
  augment: AugmentSpecInput;
  index: number;
  seed: number;
  loaded: unknown;
}

const message = (e: unknown) => `Could not preview augmentation: ${e instanceof Error ? e.message : String(e)}`;

/**
 * Keeps the preview in step with the augment settings, image index and seed: waits `debounceMs`
 * after the last change, asks the worker for the source (all ops off, an exact copy) and the
 * variants, and drops answers to older requests. Call during component set-up.
 */
export function trackAugmentPreview(source: () => PreviewRequest | null): AugmentPreviewState {
  const state = $state<AugmentPreviewState>({ source: null, variants: [], error: null, loading: false, version: 0 });
  let ticket = 0;
  $effect(() => {
    const request = source();
    // Reading the section deeply (via JSON) subscribes the effect to every slider.
    const augment = request && (plain(request.augment) as AugmentSpecInput);
    const id = ++ticket;
    if (!request || !augment) {
      untrack(() => Object.assign(state, { source: null, variants: [], error: null, loading: false }));
      return;
    }
    untrack(() => (state.loading = true));
    const { index, seed } = request;
    const timer = setTimeout(async () => {
      try {
        const [[original], variants] = await Promise.all([
          bridge.api.previewAugment(identityAugment, index, 8, seed), // 8 is the worker's minimum count
          bridge.api.previewAugment(augment, index, variantCount, seed),
        ]);
        if (id !== ticket) return; // settings changed while the worker was drawing
        Object.assign(state, { source: original, variants, error: null, loading: false, version: state.version + 1 });
      } catch (e) {
        if (id !== ticket) return;
        Object.assign(state, { error: message(e), loading: false });
      }
    }, debounceMs);
    return () => clearTimeout(timer);
  });
  return state;
}
