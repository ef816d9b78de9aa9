import { describe, expect, it } from 'vitest';
import { createTuner } from '../../../src/core/tune/create-tuner.ts';
import { strategyNames, tuningSchema, type Point, type SearchSpace } from '../../../src/core/tune/schema.ts';
import { encodePoint } from '../../../src/core/tune/space.ts';
import { bestTrial, type Trial, type TrialRecord, type Tuner } from '../../../src/core/tune/tuner.ts';

const space: SearchSpace = {
  'train.learningRate': { type: 'continuous', min: 1e-4, max: 1e-1, scale: 'log', count: 3 },
  'model.dropout': { type: 'continuous', min: 0, max: 0.5, scale: 'linear', count: 3 },
  'train.optimizer': { type: 'categorical', values: ['adam', 'sgd'] },
};

const quality = (p: Point) => Math.abs(Math.log10(p['train.learningRate'] as number) + 2) + (p['model.dropout'] as number);

/** Runs a tuner sequentially and returns the trials it proposed. */
function trialsOf(strategy: (typeof strategyNames)[number], seed: number, maxTrials = 10): Trial[] {
  const tuner = createTuner(tuningSchema.parse({ strategy, maxTrials, maxEpochs: 9 }), space, seed);
  const trials: Trial[] = [];
  for (let t = tuner.next(); t; t = tuner.next()) {
    trials.push(t);
    tuner.report(t.id, { objective: quality(t.hyperparameters), epochs: t.epochs ?? 5, status: 'completed' });
  }
  return trials;
}

const record = (id: number, objective: number, status: 'completed' | 'failed' | 'stopped' = 'completed'): TrialRecord => ({
  trial: { id, hyperparameters: {} },
  result: { objective, epochs: 1, status },
});

describe('createTuner', () => {
  it('proposes the same trials for the same seed, and different ones for another seed', () => {
    for (const strategy of strategyNames) {
      const a = trialsOf(strategy, 5);
      expect(a.length).toBe(10);
      expect(trialsOf(strategy, 5)).toEqual(a);
      if (strategy !== 'grid') expect(trialsOf(strategy, 6)).not.toEqual(a);
    }
  });

  it('numbers trials 1, 2, 3 … and stops at maxTrials', () => {
    const trials = trialsOf('random', 1, 4);
    expect(trials.map((t) => t.id)).toEqual([1, 2, 3, 4]);
  });

  it('steers Bayesian search away from failed trials and never picks them as best', () => {
    // Every adam trial fails, reporting a tempting objective; random search would pick adam half the time.
    let adamAfterStart = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const tuner = createTuner(tuningSchema.parse({ strategy: 'bayesian', maxTrials: 12, objective: 'validation.loss' }), space, seed);
      for (let t = tuner.next(); t; t = tuner.next()) {
        const failed = t.hyperparameters['train.optimizer'] === 'adam';
        if (failed && t.id > 4) adamAfterStart++;
        tuner.report(t.id, { objective: failed ? -1 : quality(t.hyperparameters), epochs: 5, status: failed ? 'failed' : 'completed' });
      }
      const history = tuner.history();
      expect(history).toHaveLength(12);
      expect(bestTrial(history, 'minimize')!.trial.hyperparameters['train.optimizer']).toBe('sgd');
      expect(tuner.done()).toBe(true);
    }
    // 40 surrogate-guided trials: 4 adam with the failures counted as the worst result, 20 expected at random.
    expect(adamAfterStart).toBeLessThan(10);
  });

  it('keeps parallel Bayesian proposals apart while trials run', () => {
    for (const seed of [1, 2, 3]) {
      const tuner = createTuner(tuningSchema.parse({ strategy: 'bayesian', maxTrials: 8 }), space, seed);
      const first = [1, 2, 3, 4].map(() => tuner.next()!);
      first.forEach((t) => tuner.report(t.id, { objective: quality(t.hyperparameters), epochs: 5, status: 'completed' }));
      const running = [tuner.next()!, tuner.next()!, tuner.next()!].map((t) => encodePoint(space, t.hyperparameters));
      // Without the constant liar the three pile up within ~0.03 of each other in the unit cube.
      for (let i = 0; i < 3; i++) {
        for (let j = i + 1; j < 3; j++) expect(Math.hypot(...running[i].map((v, k) => v - running[j][k]))).toBeGreaterThan(0.05);
      }
      expect(tuner.done()).toBe(false);
    }
  });

  it('refuses reports of unknown or already-reported trials', () => {
    const tuner: Tuner = createTuner(tuningSchema.parse({ strategy: 'random' }), space, 1);
    const t = tuner.next()!;
    expect(() => tuner.report(99, { objective: 1, epochs: 1, status: 'completed' })).toThrow('tuner: no trial 99 was proposed');
    tuner.report(t.id, { objective: 1, epochs: 1, status: 'completed' });
    expect(() => tuner.report(t.id, { objective: 1, epochs: 1, status: 'completed' })).toThrow('tuner: trial 1 was already reported');
  });
});

describe('bestTrial', () => {
  it('picks by direction, skipping failed, unreported and non-finite results; the earliest wins a tie', () => {
    const history = [record(1, 0.5), record(2, 0.1, 'failed'), record(3, NaN), record(4, 0.3, 'stopped'), { trial: { id: 5, hyperparameters: {} } }, record(6, 0.9), record(7, 0.3)];
    expect(bestTrial(history, 'minimize')!.trial.id).toBe(4);
    expect(bestTrial(history, 'maximize')!.trial.id).toBe(6);
    expect(bestTrial([record(1, 0, 'failed')], 'maximize')).toBeNull();
    expect(bestTrial([], 'minimize')).toBeNull();
  });
});
