/** One rung of a successive-halving bracket: how many trials, each trained to how many epochs. */
export interface Rung {
  count: number;
  epochs: number;
}

/** One successive-halving bracket; `s` is Li et al.'s bracket index (s_max = most exploratory). */
export interface Bracket {
  s: number;
  rungs: Rung[];
}

/**
 * Hyperband's brackets (Li et al., 2018, Algorithm 1) for epochs from `minEpochs` to `maxEpochs`:
 * with R = max/min and s_max = ⌊log_η R⌋, bracket s starts n = ⌈(s_max+1)/(s+1) · η^s⌉ trials at
 * maxEpochs·η^-s epochs, and rung i keeps ⌊n/η^i⌋ trials at maxEpochs·η^(i-s) epochs.
 *
 * hyperbandBrackets(1, 27, 3).map((b) => b.rungs.map((r) => r.count))
 * // → [[27, 9, 3, 1], [12, 4, 1], [6, 2], [4]]  (epochs 1·3·9·27, 3·9·27, 9·27, 27)
 */
export function hyperbandBrackets(minEpochs: number, maxEpochs: number, eta: number): Bracket[] {
  // The epsilon keeps exact powers (27 = 3³) from flooring to one bracket fewer.
  const sMax = Math.floor(Math.log(maxEpochs / minEpochs) / Math.log(eta) + 1e-9);
  const brackets: Bracket[] = [];
  for (let s = sMax; s >= 0; s--) {
    const n = Math.ceil(((sMax + 1) / (s + 1)) * eta ** s);
    brackets.push({ s, rungs: halving(n, s, maxEpochs, eta) });
  }
  return brackets;
}

/**
 * The brackets a tuning job runs within `maxTrials` (every rung's trial counts as one): whole
 * Hyperband iterations while they fit, then each further bracket shrunk to the largest starting
 * count whose halving still fits what is left, so the budget is used and never exceeded.
 *
 * planHyperband(1, 27, 3, 12).map((b) => b.rungs.map((r) => r.count)) // → [[8, 2], [2]]
 */
export function planHyperband(minEpochs: number, maxEpochs: number, eta: number, maxTrials: number): Bracket[] {
  const iteration = hyperbandBrackets(minEpochs, maxEpochs, eta);
  const plan: Bracket[] = [];
  let left = maxTrials;
  while (left > 0) {
    for (const bracket of iteration) {
      if (left === 0) break;
      let n = bracket.rungs[0].count;
      while (n > 1 && trialsOf(halving(n, bracket.s, maxEpochs, eta)) > left) n--;
      const rungs = halving(n, bracket.s, maxEpochs, eta);
      plan.push({ s: bracket.s, rungs });
      left -= trialsOf(rungs);
    }
  }
  return plan;
}

/** Total trials of a bracket: one per rung slot. */
export function trialsOf(rungs: readonly Rung[]): number {
  return rungs.reduce((sum, r) => sum + r.count, 0);
}

/** Successive halving from n trials: rung i keeps ⌊n/η^i⌋ (rungs that would be empty are dropped). */
function halving(n: number, s: number, maxEpochs: number, eta: number): Rung[] {
  const rungs: Rung[] = [];
  for (let i = 0; i <= s; i++) {
    const count = Math.floor(n / eta ** i);
    if (count === 0) break;
    rungs.push({ count, epochs: Math.max(1, Math.round(maxEpochs * eta ** (i - s))) });
  }
  return rungs;
}
