/** One scored row of a regression split, for the scatter, the residual plot and the worst list. */
export interface ScoredRow {
  /** The row number as the caller numbers it (the source file's data row in Kiln). */
  row: number;
  actual: number;
  predicted: number;
  /** predicted − actual: positive when the model guesses too high. */
  error: number;
}

/**
 * Every row with its error, in input order (for predicted-vs-actual and residual plots).
 *
 * scoredRows([7, 9], [10, 20], [12, 18]) // → [{ row: 7, actual: 10, predicted: 12, error: 2 }, { row: 9, actual: 20, predicted: 18, error: -2 }]
 */
export function scoredRows(rows: readonly number[], actual: ArrayLike<number>, predicted: ArrayLike<number>): ScoredRow[] {
  if (rows.length !== actual.length || rows.length !== predicted.length) {
    throw new RangeError(`${rows.length} rows, ${actual.length} actual and ${predicted.length} predicted values`);
  }
  return rows.map((row, i) => ({ row, actual: actual[i], predicted: predicted[i], error: predicted[i] - actual[i] }));
}

/**
 * The `count` rows with the largest |error|, largest first (equal errors keep input order).
 *
 * worstPredictions(scoredRows([7, 9, 11], [10, 20, 30], [12, 18, 35]), 2) // → rows 11 (error 5) then 7 (error 2)
 */
export function worstPredictions(rows: readonly ScoredRow[], count = 20): ScoredRow[] {
  return [...rows].sort((a, b) => Math.abs(b.error) - Math.abs(a.error)).slice(0, Math.max(0, count));
}
