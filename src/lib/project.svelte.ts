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
  spec = $state<PipelineSpec>(restoreSpec() ?? defaultSpec('data/iris.csv', 'species'));
  stage = $state<StageId>('goal');
}

export const project = new Project();
