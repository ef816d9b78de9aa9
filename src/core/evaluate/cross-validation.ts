import { summarizeFolds } from '../split/kfold.ts';
import type { CrossValidation, SplitMetrics } from '../train/protocol.ts';

/**
 * The cross-validation summary of per-fold scores: mean ± std of every number metric all folds
 * have (per-class tables and confusion matrices are left out).
 *
 * crossValidationOf([{ task: 'classification', metrics: { accuracy: 0.9, … } }, …]).metrics.accuracy // → { mean, std, values }
 */
export function crossValidationOf(scores: readonly SplitMetrics[]): CrossValidation {
  const metrics: CrossValidation['metrics'] = {};
  for (const key of Object.keys(scores[0]?.metrics ?? {})) {
    const values = scores.map((s) => (s.metrics as unknown as Record<string, unknown>)[key]).filter((v): v is number => typeof v === 'number');
    if (values.length === scores.length) metrics[key] = { ...summarizeFolds(values), values };
  }
  return { folds: scores.length, metrics };
}
