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

  /** True when the choices come from an earlier visit (its data was not kept: it never is). */
  get restored(): boolean {
    return this.#saved !== null;
  }
}

export const project = new Project();
