/**
 * Binary ranking curves from scores: ROC and precision–recall, with one point per distinct score
 * so tied scores move together (no arbitrary order inside a tie), and their areas.
 */

/** A point of the ROC curve: rows scoring ≥ `threshold` are called positive. */
export interface RocPoint {
  fpr: number;
  tpr: number;
  threshold: number;
}

/** A point of the precision–recall curve: rows scoring ≥ `threshold` are called positive. */
export interface PrPoint {
  recall: number;
  precision: number;
  threshold: number;
}

/** A curve with its area, or null and the reason when the area is undefined. */
export interface Curve<P> {
  points: P[];
  area: number | null;
  reason: string | null;
}

/** Cumulative true and false positives at each distinct score, highest first. */
function cumulativeCounts(positive: ArrayLike<number | boolean>, scores: ArrayLike<number>) {
  if (positive.length !== scores.length) throw new RangeError(`${positive.length} labels but ${scores.length} scores`);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  order.forEach((row, i) => {
    if (positive[row]) tp++;
    else fp++;
    // Close a point only after the last row of a tie, so a tie is one step of the curve.
    if (i === order.length - 1 || scores[order[i + 1]] !== scores[row]) {
      thresholds.push(scores[row]);
      tps.push(tp);
      fps.push(fp);
    }
  });
  return { thresholds, tps, fps, positives: tp, negatives: fp };
}

/**
 * The ROC curve from (0, 0) and its exact area by the trapezoid rule over distinct thresholds (a
 * tie is a diagonal step, which counts it as half right, as the Mann–Whitney statistic does).
 * Undefined (null, with the reason) when the split has no positive or no negative row.
 *
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).area // → 0.75 (scikit-learn's roc_auc_score example)
 */
export function rocCurve(positive: ArrayLike<number | boolean>, scores: ArrayLike<number>): Curve<RocPoint> {
  const { thresholds, tps, fps, positives, negatives } = cumulativeCounts(positive, scores);
  if (positives === 0 || negatives === 0) {
    return { points: [], area: null, reason: `ROC AUC is undefined: the split has no ${positives === 0 ? 'positive' : 'negative'} example` };
  }
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  thresholds.forEach((threshold, i) => points.push({ fpr: fps[i] / negatives, tpr: tps[i] / positives, threshold }));
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  return { points, area, reason: null };
}

/**
 * The precision–recall curve from (recall 0, precision 1) and the average precision
 * Σ (Rₙ − Rₙ₋₁) Pₙ over distinct thresholds (scikit-learn's average_precision_score: steps, not
 * trapezoids, which would be optimistic). Undefined when the split has no positive row.
 *
 * prCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).area // → 0.8333… (scikit-learn's example)
 */
export function prCurve(positive: ArrayLike<number | boolean>, scores: ArrayLike<number>): Curve<PrPoint> {
  const { thresholds, tps, fps, positives } = cumulativeCounts(positive, scores);
  if (positives === 0) return { points: [], area: null, reason: 'PR AUC is undefined: the split has no positive example' };
  const points: PrPoint[] = [{ recall: 0, precision: 1, threshold: Infinity }];
  let area = 0;
  let lastRecall = 0;
  thresholds.forEach((threshold, i) => {
    const recall = tps[i] / positives;
    const precision = tps[i] / (tps[i] + fps[i]);
    area += (recall - lastRecall) * precision;
    lastRecall = recall;
    points.push({ recall, precision, threshold });
  });
  return { points, area, reason: null };
}

/**
 * At most `max` points of a curve for drawing, evenly spaced by index, first and last kept.
 * Areas are always computed from the full curve.
 *
 * downsample([a, b, c, d, e], 3) // → [a, c, e]
 */
export function downsample<P>(points: readonly P[], max = 200): P[] {
  if (points.length <= max) return [...points];
  if (max < 2) return points.slice(0, max);
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))]);
}
