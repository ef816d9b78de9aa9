/** Scores of the probabilities themselves: log loss and calibration. */

/** Probabilities are clipped to [LOG_LOSS_EPSILON, 1 − LOG_LOSS_EPSILON] so a confident miss costs ~34.5, not Infinity. */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Mean −ln p(true class) over rows of a row-major `n × k` probability matrix (no renormalising:
 * the model's probabilities are scored as given). Null for zero rows.
 *
 * logLoss([0, 1], [0.9, 0.1, 0.2, 0.8], 2) // → −(ln 0.9 + ln 0.8) / 2 = 0.1642…
 */
export function logLoss(yTrue: ArrayLike<number>, probs: ArrayLike<number>, k: number): number | null {
  const n = yTrue.length;
  if (probs.length !== n * k) throw new RangeError(`expected ${n * k} probabilities for ${n} rows of ${k}, got ${probs.length}`);
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probs[i * k + yTrue[i]], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    sum -= Math.log(p);
  }
  return sum / n;
}

/** One bin of the reliability table: rows whose max probability falls in (lower, upper]. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean max probability of the bin's rows; null for an empty bin. */
  confidence: number | null;
  /** Share of the bin's rows whose most probable class is the true one; null for an empty bin. */
  accuracy: number | null;
}

/** The reliability table and its expected calibration error. */
export interface Calibration {
  bins: CalibrationBin[];
  /** Σ (count / n) · |accuracy − confidence|; null for zero rows. */
  ece: number | null;
}

/**
 * Reliability of the max probability in `bins` equal-width bins, bin b holding (b/bins, (b+1)/bins]
 * (the first also holds 0), and the expected calibration error (Guo et al. 2017). A row is right
 * when its most probable class (ties: the first) is the true one, whatever threshold decides it.
 *
 * calibration([0, 1], [0.9, 0.1, 0.65, 0.35], 2).ece // → (|1 − 0.9| + |0 − 0.65|) / 2 = 0.375
 */
export function calibration(yTrue: ArrayLike<number>, probs: ArrayLike<number>, k: number, bins = 10): Calibration {
  const n = yTrue.length;
  if (probs.length !== n * k) throw new RangeError(`expected ${n * k} probabilities for ${n} rows of ${k}, got ${probs.length}`);
  // Edges as b / bins, so a probability typed as 0.3 lands in (0.2, 0.3] exactly.
  const uppers = Array.from({ length: bins }, (_, b) => (b + 1) / bins);
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const right = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    const p = probs[i * k + best];
    let b = 0;
    while (b < bins - 1 && p > uppers[b]) b++;
    count[b]++;
    confidence[b] += p;
    if (best === yTrue[i]) right[b]++;
  }
  let ece = 0;
  const table = uppers.map((upper, b): CalibrationBin => {
    const lower = b / bins;
    if (count[b] === 0) return { lower, upper, count: 0, confidence: null, accuracy: null };
    ece += Math.abs(right[b] - confidence[b]) / n;
    return { lower, upper, count: count[b], confidence: confidence[b] / count[b], accuracy: right[b] / count[b] };
  });
  return { bins: table, ece: n === 0 ? null : ece };
}
