import { balancedAccuracy, cohenKappa, matthewsCorrelation } from './agreement.ts';
import type { ClassificationMetrics, ClassScores, MetricNote } from './types.ts';

/**
 * Every score that needs only predicted classes: accuracy, balanced accuracy, precision/recall/F1
 * per class and as macro, micro and weighted averages, Cohen's kappa, Matthews correlation and the
 * confusion matrix. `yTrue` and `yPred` hold class indices into `classes`. A score whose
 * denominator is 0 is 0 rather than NaN (scikit-learn's zero_division=0) and `notes` says so.
 * Macro averages weight every class in `classes` equally, including classes absent from `yTrue`.
 * Probability scores (log loss, AUCs, ECE) are null here: see scoreClassification.
 *
 * classificationMetrics([0, 1, 1], [0, 1, 0], ['a', 'b']).accuracy // → 0.666…
 */
export function classificationMetrics(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes: readonly string[],
): ClassificationMetrics {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`yTrue has ${yTrue.length} values but yPred has ${yPred.length}`);
  }
  const k = classes.length;
  const n = yTrue.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    confusion[checkIndex(yTrue[i], k, 'yTrue', i)][checkIndex(yPred[i], k, 'yPred', i)]++;
  }

  let correct = 0;
  const neverPredicted: string[] = [];
  const absent: string[] = [];
  const perClass: ClassScores[] = classes.map((label, c) => {
    let support = 0; // row sum: examples truly of class c
    let predicted = 0; // column sum: examples predicted as class c
    for (let j = 0; j < k; j++) {
      support += confusion[c][j];
      predicted += confusion[j][c];
    }
    if (predicted === 0) neverPredicted.push(label);
    if (support === 0) absent.push(label);
    const tp = confusion[c][c];
    correct += tp;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    return { label, precision, recall, f1, support };
  });

  const mean = (pick: (s: ClassScores) => number) => (k === 0 ? 0 : perClass.reduce((sum, s) => sum + pick(s), 0) / k);
  const weighted = (pick: (s: ClassScores) => number) => ratio(perClass.reduce((sum, s) => sum + pick(s) * s.support, 0), n);
  // Single-label data: every wrong row is one false positive and one false negative, so micro
  // precision, recall and F1 all equal accuracy.
  const accuracy = ratio(correct, n);
  const kappa = cohenKappa(confusion);
  return {
    accuracy,
    balancedAccuracy: balancedAccuracy(confusion),
    precisionMacro: mean((s) => s.precision),
    recallMacro: mean((s) => s.recall),
    f1Macro: mean((s) => s.f1),
    precisionMicro: accuracy,
    recallMicro: accuracy,
    f1Micro: accuracy,
    precisionWeighted: weighted((s) => s.precision),
    recallWeighted: weighted((s) => s.recall),
    f1Weighted: weighted((s) => s.f1),
    cohenKappa: kappa ?? 0,
    mcc: matthewsCorrelation(confusion),
    logLoss: null,
    rocAuc: null,
    prAuc: null,
    ece: null,
    positiveClass: null,
    threshold: null,
    perClass,
    confusion,
    classes: [...classes],
    notes: zeroDivisionNotes(n, neverPredicted, absent, kappa === null),
  };
}

/** The notes behind each 0 that stands in for an undefined score. */
function zeroDivisionNotes(n: number, neverPredicted: string[], absent: string[], kappaUndefined: boolean): MetricNote[] {
  const notes: MetricNote[] = [];
  const list = (names: string[]) => names.map((c) => `'${c}'`).join(', ');
  if (n > 0 && neverPredicted.length > 0) {
    notes.push({
      code: 'never-predicted',
      metrics: ['perClass', 'precisionMacro', 'precisionWeighted', 'f1Macro', 'f1Weighted'],
      classes: neverPredicted,
      message: `The model never predicted ${list(neverPredicted)}: precision is undefined there and counted as 0`,
    });
  }
  if (n > 0 && absent.length > 0) {
    notes.push({
      code: 'absent',
      metrics: ['perClass', 'recallMacro', 'f1Macro'],
      classes: absent,
      message: `No example of ${list(absent)} in this split: recall is undefined there and counted as 0 (balanced accuracy leaves it out)`,
    });
  }
  if (kappaUndefined) {
    notes.push({ code: 'kappa-undefined', metrics: ['cohenKappa'], classes: [], message: "Truth and predictions are one and the same class everywhere: Cohen's kappa is undefined, reported as 0" });
  }
  return notes;
}

/**
 * Index of the largest value in each row of a row-major `rows × classCount` matrix; ties go to
 * the first index and NaNs are skipped (an all-NaN row gives 0).
 *
 * argmaxRows([0.1, 0.9, 0.7, 0.3], 2) // → Int32Array [1, 0]
 */
export function argmaxRows(probs: ArrayLike<number>, classCount: number): Int32Array {
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new RangeError(`classCount must be a whole number ≥ 1, got ${classCount}`);
  }
  if (probs.length % classCount !== 0) {
    throw new RangeError(`${probs.length} values do not divide into rows of ${classCount}`);
  }
  const out = new Int32Array(probs.length / classCount);
  for (let r = 0; r < out.length; r++) {
    const base = r * classCount;
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < classCount; c++) {
      // Strict > keeps the first of equal maxima and never picks a NaN.
      if (probs[base + c] > bestValue) {
        bestValue = probs[base + c];
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

/** num / den, or 0 when den is 0 (zero_division=0). */
function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** Rejects labels that are not a valid class index, which would silently corrupt the matrix. */
function checkIndex(value: number, k: number, name: string, i: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= k) {
    throw new RangeError(`${name}[${i}] = ${value} is not a class index in [0, ${k})`);
  }
  return value;
}
