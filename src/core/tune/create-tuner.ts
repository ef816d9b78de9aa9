import { createRng } from '../split/random.ts';
import { bayesianProposer } from './bayesian.ts';
import { gridPoint, gridSize } from './grid.ts';
import { planHyperband } from './hyperband-plan.ts';
import { hyperbandProposer } from './hyperband.ts';
import { objectiveDirection, type SearchSpace, type TuningSpec } from './schema.ts';
import { samplePoint } from './space.ts';
import { makeTuner, type Tuner } from './tuner.ts';

/**
 * The tuner for `spec.strategy` over `space` (the spec's `space`, or `defaultSpace(...)` when it
 * has none); `seed` drives every random draw, so the same seed proposes the same trials.
 * Pass `spec.seed`, falling back to the pipeline's seed.
 *
 * const tuner = createTuner(tuningSchema.parse({ strategy: 'random', maxTrials: 2 }), space, 42);
 * tuner.next() // → { id: 1, hyperparameters: { 'train.learningRate': 0.0031…, … } }
 */
export function createTuner(spec: TuningSpec, space: SearchSpace, seed: number): Tuner {
  const rng = createRng(seed);
  const direction = objectiveDirection(spec.objective, spec.direction);
  switch (spec.strategy) {
    case 'random':
      return makeTuner('random', spec.maxTrials, () => ({ hyperparameters: samplePoint(space, rng) }));
    case 'grid': {
      // Computed first so a continuous range without `count` fails before any trial runs.
      const size = gridSize(space);
      let index = 0;
      return makeTuner('grid', spec.maxTrials, () => (index < size ? { hyperparameters: gridPoint(space, index++) } : 'exhausted'));
    }
    case 'bayesian':
      return makeTuner('bayesian', spec.maxTrials, bayesianProposer(space, direction, rng));
    case 'hyperband': {
      const plan = planHyperband(spec.minEpochs, spec.maxEpochs, spec.eta, spec.maxTrials);
      return makeTuner('hyperband', spec.maxTrials, hyperbandProposer(space, direction, plan, rng));
    }
  }
}
