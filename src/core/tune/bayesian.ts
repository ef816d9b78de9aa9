import type { Rng } from '../split/random.ts';
import { expectedImprovement } from './expected-improvement.ts';
import { fitGaussianProcess } from './gaussian-process.ts';
import type { Direction, Point, SearchSpace } from './schema.ts';
import { encodePoint, perturbPoint, samplePoint } from './space.ts';
import { isUsable, type Proposal, type TrialRecord } from './tuner.ts';

/** Uniform candidates scored per proposal: enough to cover a handful of dimensions in milliseconds. */
const globalCandidates = 2000;
/** Extra candidates near the best trials, where EI's maximum usually lies once the GP is confident. */
const localCandidates = 500;
/** Margin EI demands over the incumbent, in standardised units of the objective. */
const xi = 0.01;

/** Random trials before the surrogate takes over: a GP fitted on fewer than d + 1 points is a guess. */
export function initialTrials(space: SearchSpace): number {
  return Math.max(3, Object.keys(space).length + 1);
}

/**
 * A proposer for Bayesian optimisation: random at first, then the candidate with the highest
 * expected improvement under a Matérn 5/2 Gaussian process fitted to every trial so far.
 */
export function bayesianProposer(space: SearchSpace, direction: Direction, rng: Rng): (history: readonly TrialRecord[]) => Proposal {
  const initial = initialTrials(space);
  return (history) => {
    const scored = history.filter(isUsable);
    if (history.length < initial || scored.length === 0) return { hyperparameters: samplePoint(space, rng) };
    return { hyperparameters: proposeByExpectedImprovement(space, direction, history, rng) };
  };
}

function proposeByExpectedImprovement(space: SearchSpace, direction: Direction, history: readonly TrialRecord[], rng: Rng): Point {
  // Work in "larger is better" so one EI formula serves both directions.
  const sign = direction === 'maximize' ? 1 : -1;
  const scored = history.filter(isUsable);
  const values = scored.map((r) => sign * r.result.objective);
  const worst = Math.min(...values);
  const best = Math.max(...values);
  // Failed trials count as the worst seen, so the search steers away from where training breaks;
  // running ones likewise ("constant liar"), so parallel proposals do not pile onto one spot.
  const xs = history.map((r) => encodePoint(space, r.trial.hyperparameters));
  const ys = history.map((r) => (isUsable(r) ? sign * r.result.objective : worst));
  const gp = fitGaussianProcess(xs, ys);
  const spread = standardDeviation(ys) || 1;

  const leaders = [...scored].sort((a, b) => sign * (b.result.objective - a.result.objective)).slice(0, 5);
  const candidates: Point[] = [];
  for (let i = 0; i < globalCandidates; i++) candidates.push(samplePoint(space, rng));
  for (let i = 0; i < localCandidates; i++) {
    const leader = leaders[i % leaders.length].trial.hyperparameters;
    candidates.push(perturbPoint(space, leader, rng, i % 2 === 0 ? 0.05 : 0.15));
  }

  let choice = candidates[0];
  let top = -Infinity;
  for (const candidate of candidates) {
    const { mean, std } = gp.predict(encodePoint(space, candidate));
    const score = expectedImprovement(mean, std, best, xi * spread);
    if (score > top) {
      top = score;
      choice = candidate;
    }
  }
  return choice;
}

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}
