import { buildImageSplitPreview, buildSplitPreview, type SplitPreviewResult } from '../../src/core/split/preview.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { formatSpecIssues, validateSpec } from '../../src/core/spec/validate.ts';
import { planImageRun, trainingData } from '../../src/core/train/image-plan.ts';
import { planRun } from '../../src/core/train/plan.ts';
import { loadedKinds, requireTable, resident } from '../state.ts';

/** Split-stage calls the page makes into the worker. */
export const splitApi = {
  /**
   * Plans a run on the loaded table (or image set) exactly as training would (row steps, task,
   * split, folds) and summarises the split; problems come back as `{ ok: false, error }`, never as a throw.
   *
   * previewSplit(spec) // → { ok: true, preview: { counts: { train: 120, validation: 15, test: 15 }, … } }
   */
  async previewSplit(spec: PipelineSpec): Promise<SplitPreviewResult> {
    try {
      const checked = validateSpec(spec);
      if (!checked.ok) return { ok: false, error: formatSpecIssues(checked.issues) };
      const loaded = loadedKinds();
      if (loaded.images && trainingData(checked.spec.data.kind, loaded) === 'images') {
        const set = resident.images!;
        return { ok: true, preview: buildImageSplitPreview(planImageRun(checked.spec, set), set) };
      }
      const plan = planRun(checked.spec, requireTable());
      return { ok: true, preview: buildSplitPreview(plan, checked.spec) };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  },
};
