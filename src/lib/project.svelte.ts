import { untrack } from 'svelte';
import { carriedSettings, dataBoundSettings, resetDataBound, type CarriedSetting } from '../core/learn/carry-over.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import { defaultSpec } from '../core/spec/validate.ts';
import { restoreSpec } from './persist.ts';
import type { StageId } from './stages.ts';

/**
 * The pipeline spec the user is editing — the single source of truth for every choice made in
 * the studio — and which stage is on screen. Data and run state live in data.svelte.ts and
 * run.svelte.ts; they only report what the worker did.
 */
class Project {
  /** The spec saved by the last session, kept for `restored`; null on a first visit. */
  readonly #saved = restoreSpec();
  spec = $state<PipelineSpec>(this.#saved ?? defaultSpec('data/iris.csv', 'species'));
  stage = $state<StageId>('goal');
  /**
   * Settings chosen for the data loaded before (goal, model, training…) that now apply to a
   * different data set, offered to keep or reset; null when nothing was carried over.
   */
  carryOver = $state<{ from: string; to: string; settings: CarriedSetting[] } | null>(null);

  constructor() {
    // Watches the data source: a new one inherits the last data's settings unless the user resets
    // them. A replaced spec (a project opened or created) brings its own settings, so it is not asked about.
    $effect.root(() => {
      let spec = this.spec;
      let source = spec.data.source;
      $effect(() => {
        const current = this.spec;
        const next = current.data.source;
        untrack(() => {
          if (current !== spec) [spec, source, this.carryOver] = [current, next, null];
          if (next === source) return;
          const settings = carriedSettings($state.snapshot(current) as PipelineSpec);
          this.carryOver = settings.length > 0 ? { from: source, to: next, settings } : null;
          source = next;
        });
      });
    });
  }

  /** Keeps the carried-over settings for the new data. */
  keepSettings(): void {
    this.carryOver = null;
  }

  /** Puts the carried-over settings back to Kiln's defaults; data, prepare steps and split stay. */
  resetSettings(): void {
    const fresh = resetDataBound($state.snapshot(this.spec) as PipelineSpec);
    for (const key of dataBoundSettings) Object.assign(this.spec, { [key]: fresh[key] });
    this.carryOver = null;
  }

  /** True when the choices come from an earlier visit (its data was not kept: it never is). */
  get restored(): boolean {
    return this.#saved !== null;
  }
}

export const project = new Project();
