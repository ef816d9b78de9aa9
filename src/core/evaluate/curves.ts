import { downsample, prCurve, rocCurve, type PrPoint, type RocPoint } from './ranking.ts';
import { positiveIndex, type DecisionOptions } from './threshold.ts';

/** The ROC and PR curves of one class against the rest, with their areas (null with a reason when undefined). */
export interface ClassCurves {
  label: string;
  roc: RocPoint[];
  pr: PrPoint[];
  rocAuc: number | null;
  prAuc: number | null;
  reason: string | null;
}

/**
 * ROC and PR curves for a split: for a binary task one entry, of the positive class; otherwise one
 * per class, one-vs-rest. Curves are cut to `maxPoints` for drawing; areas use every point.
 *
 * classificationCurves([0, 1], [0.8, 0.2, 0.3, 0.7], ['no', 'yes'])
 * // → [{ label: 'yes', rocAuc: 1, prAuc: 1, roc: [{ fpr: 0, tpr: 0, threshold: Infinity }, …], … }]
 */
export function classificationCurves(
  yTrue: ArrayLike<number>,
  probs: ArrayLike<number>,
  classes: readonly string[],
  options: DecisionOptions = {},
  maxPoints = 200,
): ClassCurves[] {
  const positive = positiveIndex(classes, options.positiveClass);
  const targets = positive === null ? classes.map((_, c) => c) : [positive];
  return targets.map((c) => {
    const { roc, pr } = oneVsRest(yTrue, probs, classes.length, c);
    const reason = roc.reason ?? pr.reason;
    return {
      label: classes[c],
      roc: downsample(roc.points, maxPoints),
      pr: downsample(pr.points, maxPoints),
      rocAuc: roc.area,
      prAuc: pr.area,
      reason: reason && `'${classes[c]}': ${reason}`,
    };
  });
}

/** Exact ROC and PR curves of class `c` against the rest. */
export function oneVsRest(yTrue: ArrayLike<number>, probs: ArrayLike<number>, k: number, c: number) {
  const n = yTrue.length;
  const positive = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    positive[i] = yTrue[i] === c ? 1 : 0;
    scores[i] = probs[i * k + c];
  }
  return { roc: rocCurve(positive, scores), pr: prCurve(positive, scores) };
}
