/**
 * Scores that read the whole confusion matrix at once: balanced accuracy, Cohen's kappa and the
 * multiclass Matthews correlation. `confusion[i][j]` counts true class i predicted as class j.
 */

/** Row sums (true counts), column sums (predicted counts), the diagonal total and n. */
function margins(confusion: readonly (readonly number[])[]) {
  const k = confusion.length;
  const truth = new Array<number>(k).fill(0);
  const predicted = new Array<number>(k).fill(0);
  let correct = 0;
  let n = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      truth[i] += confusion[i][j];
      predicted[j] += confusion[i][j];
      n += confusion[i][j];
    }
    correct += confusion[i][i];
  }
  return { truth, predicted, correct, n };
}

/**
 * Mean recall over the classes that occur in the split (absent classes are left out, as in
 * scikit-learn's balanced_accuracy_score); 0 for an empty split.
 *
 * balancedAccuracy([[3, 1], [0, 1]]) // → (3/4 + 1/1) / 2 = 0.875
 */
export function balancedAccuracy(confusion: readonly (readonly number[])[]): number {
  let sum = 0;
  let present = 0;
  confusion.forEach((row, i) => {
    const support = row.reduce((a, b) => a + b, 0);
    if (support > 0) {
      sum += row[i] / support;
      present++;
    }
  });
  return present === 0 ? 0 : sum / present;
}

/**
 * Cohen's kappa (p_o − p_e) / (1 − p_e), or null when chance agreement p_e is 1 (one class in
 * both truth and predictions), where it is 0/0.
 *
 * cohenKappa([[2, 1], [0, 3]]) // → (5/6 − 1/2) / (1 − 1/2) = 0.666…
 */
export function cohenKappa(confusion: readonly (readonly number[])[]): number | null {
  const { truth, predicted, correct, n } = margins(confusion);
  if (n === 0) return null;
  // Work in counts (n² · p) so integer inputs give exact sums before the one division.
  let chance = 0;
  for (let i = 0; i < truth.length; i++) chance += truth[i] * predicted[i];
  const den = n * n - chance;
  return den === 0 ? null : (correct * n - chance) / den;
}

/**
 * Matthews correlation in Gorodkin's multiclass form
 * (c·s − Σ p_k t_k) / √((s² − Σ p_k²)(s² − Σ t_k²)); 0 when a factor is 0, as scikit-learn.
 *
 * matthewsCorrelation([[2, 1], [0, 3]]) // → (5·6 − 18) / √((36 − 20)(36 − 18)) = 0.7071…
 */
export function matthewsCorrelation(confusion: readonly (readonly number[])[]): number {
  const { truth, predicted, correct, n } = margins(confusion);
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < truth.length; i++) {
    tp += truth[i] * predicted[i];
    pp += predicted[i] * predicted[i];
    tt += truth[i] * truth[i];
  }
  const den = Math.sqrt((n * n - pp) * (n * n - tt));
  return den === 0 ? 0 : (correct * n - tp) / den;
}
