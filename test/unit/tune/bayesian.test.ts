import { describe, expect, it } from 'vitest';
import { initialTrials } from '../../../src/core/tune/bayesian.ts';
import { createTuner } from '../../../src/core/tune/create-tuner.ts';
import { tuningSchema, type Point, type SearchSpace, type TuningSpecInput } from '../../../src/core/tune/schema.ts';
import { bestTrial, type Tuner } from '../../../src/core/tune/tuner.ts';

const space: SearchSpace = {
  'train.learningRate': { type: 'continuous', min: 1e-4, max: 1e-1, scale: 'log' },
  'model.dropout': { type: 'continuous', min: 0, max: 0.5, scale: 'linear' },
  'model.activation': { type: 'categorical', values: ['relu', 'tanh', 'sigmoid'] },
};

/**
 * A validation-loss-like surface with a known optimum of 0.1: learning rate best at 10^-2.5,
 * dropout best at 0.15, tanh a little better than relu and much better than sigmoid.
 */
function syntheticLoss(p: Point): number {
  const lr = Math.log10(p['train.learningRate'] as number) + 2.5;
  const dropout = ((p['model.dropout'] as number) - 0.15) / 0.5;
  const activation = { tanh: 0, relu: 0.05, sigmoid: 0.3 }[p['model.activation'] as string]!;
  return 0.1 + 0.2 * lr * lr + 0.8 * dropout * dropout + activation;
}

/** Runs a tuner to the end, reporting `f` (maximised as 1 − loss when `maximize`). */
function run(tuner: Tuner, f: (p: Point) => number): void {
  for (let trial = tuner.next(); trial; trial = tuner.next()) {
    tuner.report(trial.id, { objective: f(trial.hyperparameters), epochs: 1, status: 'completed' });
  }
}

function meanBest(input: TuningSpecInput, seeds: number[], f: (p: Point) => number): number {
  const spec = tuningSchema.parse(input);
  const bests = seeds.map((seed) => {
    const tuner = createTuner(spec, space, seed);
    run(tuner, f);
    return bestTrial(tuner.history(), spec.direction ?? 'minimize')!.result!.objective;
  });
  return bests.reduce((a, b) => a + b, 0) / bests.length;
}

const seeds = Array.from({ length: 12 }, (_, i) => i + 1);

describe('bayesian strategy', () => {
  it('starts with max(3, d + 1) random trials', () => {
    expect(initialTrials(space)).toBe(4);
    expect(initialTrials({ a: space['model.dropout'] })).toBe(3);
  });

  it('finds a lower loss than random search on average over 12 seeds at 20 trials', () => {
    const budget = { maxTrials: 20, objective: 'validation.loss' } as const;
    const bayesian = meanBest({ ...budget, strategy: 'bayesian' }, seeds, syntheticLoss);
    const random = meanBest({ ...budget, strategy: 'random' }, seeds, syntheticLoss);
    console.log(`minimise: bayesian mean best ${bayesian.toFixed(4)}, random ${random.toFixed(4)} (optimum 0.1)`);
    expect(bayesian).toBeLessThan(random);
    // Not only better: close to the optimum, where random search is not.
    expect(bayesian - 0.1).toBeLessThan((random - 0.1) / 2);
  });

  it('maximises too: a higher accuracy-like objective than random on average', () => {
    const budget = { maxTrials: 20, objective: 'validation.accuracy', direction: 'maximize' } as const;
    const accuracy = (p: Point) => 1 - syntheticLoss(p);
    const bayesian = meanBest({ ...budget, strategy: 'bayesian' }, seeds, accuracy);
    const random = meanBest({ ...budget, strategy: 'random' }, seeds, accuracy);
    console.log(`maximise: bayesian mean best ${bayesian.toFixed(4)}, random ${random.toFixed(4)} (optimum 0.9)`);
    expect(bayesian).toBeGreaterThan(random);
  });
});
