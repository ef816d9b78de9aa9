import { correlationMatrix, scatterSample, type CorrelationMatrix, type ScatterData } from '../../src/core/prepare/correlation.ts';
import { previewPrepare, type PreparePreview } from '../../src/core/prepare/preview.ts';
import { profileTable, type TableProfile } from '../../src/core/prepare/profile.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { requireTable } from '../state.ts';

/** The most scatter points sent to the page; more only overdraws. */
const maxPoints = 2000;

/**
 * Prepare-stage calls the page makes into the worker. All read the resident table and return
 * plain data; none starts a cancellable operation, so they never stop a training run.
 */
export const prepareApi = {
  /** The loaded table's profile with quantiles, histograms and samples, and the class balance of `label`. */
  async profileDetail(label?: string): Promise<TableProfile> {
    return profileTable(requireTable(), label, { detail: true });
  },

  /** Pearson correlations of the loaded table's numeric columns. */
  async correlation(): Promise<CorrelationMatrix> {
    return correlationMatrix(requireTable());
  },

  /** Up to 2000 seeded sample points of `x` against `y`, one series per class of `label`. */
  async scatter(x: string, y: string, label?: string, seed = 42): Promise<ScatterData> {
    return scatterSample(requireTable(), x, y, label, maxPoints, seed);
  },

  /** The first `limit` rows before and after `spec`'s prepare steps, fitted on its training split; errors come back as values. */
  async previewPrepare(spec: PipelineSpec, limit = 10): Promise<PreparePreview> {
    return previewPrepare(spec, requireTable(), Math.max(1, Math.min(50, limit)));
  },
};
