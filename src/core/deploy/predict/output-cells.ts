import type { RowPrediction } from './decode.ts';

/**
 * The output cells a row gets after its own: prediction, p_<class> per class (6 decimals, as in
 * predictions.csv), error. A row with an error has empty prediction cells.
 *
 * predictionCells({ prediction: 'setosa', probabilities: [0.97, 0.02, 0.01] }, ['setosa', 'versicolor', 'virginica'], null)
 * // → ['setosa', '0.97', '0.02', '0.01', '']
 */
export function predictionCells(p: RowPrediction | null, classes: readonly string[] | null, error: string | null): string[] {
  const k = classes?.length ?? 0;
  if (!p) return ['', ...Array<string>(k).fill(''), error ?? ''];
  const probabilities = (p.probabilities ?? []).map((v) => String(+v.toFixed(6)));
  return [String(p.prediction), ...probabilities, error ?? ''];
}
