import { classificationMetrics } from './classification.ts';
import { oneVsRest } from './curves.ts';
import { calibration, logLoss } from './probability.ts';
import { DEFAULT_THRESHOLD, positiveIndex, predictClasses, type DecisionOptions } from './threshold.ts';
import type { ClassificationMetrics, MetricNote } from './types.ts';

/** Significant digits probabilities keep, here and in predictions.csv, so the file reproduces every score. */
export const PROBABILITY_DIGITS = 9;

/**
 * The model's probabilities rounded to 9 significant digits (enough to tell any two float32
 * values apart, so no ranking changes), as doubles: scoring these exact numbers lets anyone
 * recompute every metric from predictions.csv and get metrics.json to the last bit.
 *
 * roundProbabilities(Float32Array.of(0.1)) // → Float64Array [0.100000001]
 */
export function roundProbabilities(outputs: ArrayLike<number>): Float64Array {
  return Float64Array.from(outputs as ArrayLike<number>, (p) => Number(p.toPrecision(PROBABILITY_DIGITS)));
}

/**
 * Every classification score of a split, from true class indices and the row-major `n × k`
 * probabilities: the class decision (threshold for binary tasks, argmax otherwise) and its scores,
 * log loss, ROC AUC and average precision (binary: of the positive class; multiclass: macro
 * one-vs-rest over the classes where defined), and the ECE.
 *
 * scoreClassification([0, 1, 1], [0.8, 0.2, 0.4, 0.6, 0.7, 0.3], ['no', 'yes'])
 * // → { accuracy: 0.666…, rocAuc: 0.5, prAuc: 0.8333…, positiveClass: 'yes', threshold: 0.5, … }
 */
export function scoreClassification(yTrue: ArrayLike<number>, probs: ArrayLike<number>, classes: readonly string[], options: DecisionOptions = {}): ClassificationMetrics {
  const k = classes.length;
  if (probs.length !== yTrue.length * k) throw new RangeError(`expected ${yTrue.length * k} probabilities for ${yTrue.length} rows of ${k}, got ${probs.length}`);
  const positive = positiveIndex(classes, options.positiveClass);
  const metrics = classificationMetrics(yTrue, predictClasses(probs, classes, options), classes);
  const ranked = rankingScores(yTrue, probs, classes, positive);
  return {
    ...metrics,
    logLoss: logLoss(yTrue, probs, k),
    rocAuc: ranked.rocAuc,
    prAuc: ranked.prAuc,
    ece: calibration(yTrue, probs, k).ece,
    positiveClass: positive === null ? null : classes[positive],
    threshold: positive === null ? null : (options.threshold ?? DEFAULT_THRESHOLD),
    notes: [...metrics.notes, ...ranked.notes],
  };
}

/** ROC AUC and PR AUC, averaged one-vs-rest for more than two classes, with notes where undefined. */
function rankingScores(yTrue: ArrayLike<number>, probs: ArrayLike<number>, classes: readonly string[], positive: number | null) {
  const targets = positive === null ? classes.map((_, c) => c) : [positive];
  const rocs: number[] = [];
  const prs: number[] = [];
  const skipped: string[] = [];
  const reasons: string[] = [];
  for (const c of targets) {
    const { roc, pr } = oneVsRest(yTrue, probs, classes.length, c);
    // A class whose ROC or PR area is undefined leaves both averages, so they cover the same classes.
    if (roc.area === null || pr.area === null) {
      skipped.push(classes[c]);
      reasons.push((roc.reason ?? pr.reason)!);
    } else {
      rocs.push(roc.area);
      prs.push(pr.area);
    }
  }
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  const rocAuc = mean(rocs);
  const prAuc = mean(prs);
  const notes: MetricNote[] = [];
  if (rocAuc === null) {
    const message = positive === null ? `One-vs-rest AUC is undefined for every class: ${reasons.join('; ')}` : reasons.join('; ');
    notes.push({ code: 'auc-undefined', metrics: ['rocAuc', 'prAuc'], classes: skipped, message });
  } else if (skipped.length > 0) {
    notes.push({
      code: 'auc-partial',
      metrics: ['rocAuc', 'prAuc'],
      classes: skipped,
      message: `The one-vs-rest AUC averages leave out ${skipped.map((c) => `'${c}'`).join(', ')}, which has no example (or no other class) in this split`,
    });
  }
  return { rocAuc, prAuc, notes };
}
