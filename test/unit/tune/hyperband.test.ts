import { describe, expect, it } from 'vitest';
import { createTuner } from '../../../src/core/tune/create-tuner.ts';
import { hyperbandBrackets, planHyperband, trialsOf } from '../../../src/core/tune/hyperband-plan.ts';
import { tuningSchema, type Point, type SearchSpace } from '../../../src/core/tune/schema.ts';
import { bestTrial, type TrialRecord, type TrialResult } from '../../../src/core/tune/tuner.ts';

const space: SearchSpace = {
  'train.learningRate': { type: 'continuous', min: 1e-4, max: 1e-1, scale: 'log' },
  'model.dropout': { type: 'continuous', min: 0, max: 0.5, scale: 'linear' },
};

/** Validation loss that falls with training: a configuration's quality plus 1/epochs. */
function loss(p: Point, epochs: number): number {
  const lr = Math.log10(p['train.learningRate'] as number) + 2.5;
  return 0.1 + 0.2 * lr * lr + (p['model.dropout'] as number) + 1 / epochs;
}

/** Runs a hyperband job sequentially; `result` may override what a trial reports. */
function runHyperband(maxTrials: number, result?: (id: number) => Partial<TrialResult>): TrialRecord[] {
  const spec = tuningSchema.parse({ strategy: 'hyperband', maxTrials, minEpochs: 1, maxEpochs: 27, eta: 3, objective: 'validation.loss' });
  const tuner = createTuner(spec, space, 11);
  for (let t = tuner.next(); t; t = tuner.next()) {
    tuner.report(t.id, { objective: loss(t.hyperparameters, t.epochs!), epochs: t.epochs!, status: 'completed', ...result?.(t.id) });
  }
  expect(tuner.done()).toBe(true);
  return tuner.history();
}

const counts = (b: { rungs: { count: number }[] }[]) => b.map((x) => x.rungs.map((r) => r.count));
const epochs = (b: { rungs: { epochs: number }[] }[]) => b.map((x) => x.rungs.map((r) => r.epochs));

describe('hyperband schedule', () => {
  it("follows Li et al.'s brackets for eta 3 and eta 2", () => {
    const b = hyperbandBrackets(1, 27, 3);
    expect(counts(b)).toEqual([[27, 9, 3, 1], [12, 4, 1], [6, 2], [4]]);
    expect(epochs(b)).toEqual([[1, 3, 9, 27], [3, 9, 27], [9, 27], [27]]);
    expect(counts(hyperbandBrackets(1, 81, 3))).toEqual([[81, 27, 9, 3, 1], [34, 11, 3, 1], [15, 5, 1], [8, 2], [5]]);
    const two = hyperbandBrackets(1, 8, 2);
    expect(counts(two)).toEqual([[8, 4, 2, 1], [6, 3, 1], [4, 2], [4]]);
    expect(epochs(two)).toEqual([[1, 2, 4, 8], [2, 4, 8], [4, 8], [8]]);
  });

  it('fits the plan to maxTrials: whole iterations first, then shrunk brackets', () => {
    expect(planHyperband(1, 27, 3, 69)).toEqual(hyperbandBrackets(1, 27, 3));
    expect(counts(planHyperband(1, 27, 3, 12))).toEqual([[8, 2], [2]]);
    expect(counts(planHyperband(1, 27, 3, 75))).toEqual([[27, 9, 3, 1], [12, 4, 1], [6, 2], [4], [5, 1]]);
    for (const n of [1, 5, 12, 40, 69, 100]) expect(planHyperband(1, 27, 3, n).reduce((s, b) => s + trialsOf(b.rungs), 0)).toBe(n);
  });
});

describe('hyperband strategy', () => {
  it('runs every rung as planned, promoting exactly the best 1/eta with resumeFrom', () => {
    const history = runHyperband(69);
    expect(history).toHaveLength(69);
    const plan = hyperbandBrackets(1, 27, 3);
    plan.forEach((bracket, b) => {
      bracket.rungs.forEach((rung, r) => {
        const trials = history.filter((h) => h.trial.bracket === b && h.trial.rung === r);
        expect(trials.length).toBe(rung.count);
        trials.forEach((t) => expect(t.trial.epochs).toBe(rung.epochs));
        if (r === 0) return trials.forEach((t) => expect(t.trial.resumeFrom).toBeUndefined());
        // The promoted are exactly the best `count` of the rung below, carrying its hyperparameters.
        const below = history.filter((h) => h.trial.bracket === b && h.trial.rung === r - 1);
        const bestBelow = [...below].sort((x, y) => x.result!.objective - y.result!.objective).slice(0, rung.count);
        expect(new Set(trials.map((t) => t.trial.resumeFrom))).toEqual(new Set(bestBelow.map((t) => t.trial.id)));
        trials.forEach((t) => expect(t.trial.hyperparameters).toEqual(history[t.trial.resumeFrom! - 1].trial.hyperparameters));
      });
    });
  });

  it('spends far fewer epochs than training every trial to maxEpochs', () => {
    const history = runHyperband(69);
    const total = history.reduce((s, h) => s + h.trial.epochs!, 0);
    // Continuing from the previous rung's weights costs only the extra epochs.
    const resumed = history.reduce((s, h) => s + h.trial.epochs! - (h.trial.resumeFrom ? history[h.trial.resumeFrom - 1].trial.epochs! : 0), 0);
    expect(total).toBe(27 * 1 + 9 * 3 + 3 * 9 + 27 + (12 * 3 + 4 * 9 + 27) + (6 * 9 + 2 * 27) + 4 * 27);
    expect(total).toBe(423);
    expect(resumed).toBe(27 + 9 * 2 + 3 * 6 + 18 + (12 * 3 + 4 * 6 + 18) + (6 * 9 + 2 * 18) + 4 * 27);
    expect(total).toBeLessThan(69 * 27 / 4);
    // The winner trained for the full budget.
    expect(bestTrial(history, 'minimize')!.trial.epochs).toBe(27);
  });

  it('never promotes or picks a failed trial, promoting fewer when too few succeeded', () => {
    // In the first bracket's rung 0 (ids 1–27) only ids 1–5 succeed; the failures report a tempting 0.
    const history = runHyperband(69, (id) => (id > 5 && id <= 27 ? { status: 'failed', objective: 0 } : {}));
    const rung1 = history.filter((h) => h.trial.bracket === 0 && h.trial.rung === 1);
    expect(rung1.map((h) => h.trial.resumeFrom).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5]);
    expect(history.filter((h) => h.trial.bracket === 0 && h.trial.rung === 2)).toHaveLength(3);
    expect(history).toHaveLength(69 - 4);
    expect(bestTrial(history, 'minimize')!.result!.status).toBe('completed');
  });

  it('starts the next bracket while one waits for results, then waits', () => {
    const spec = tuningSchema.parse({ strategy: 'hyperband', maxTrials: 69, maxEpochs: 27 });
    const tuner = createTuner(spec, space, 3);
    const issued = [];
    for (let t = tuner.next(); t; t = tuner.next()) issued.push(t);
    expect(issued.map((t) => t.bracket)).toEqual([...Array(27).fill(0), ...Array(12).fill(1), ...Array(6).fill(2), ...Array(4).fill(3)]);
    expect(issued.every((t) => t.rung === 0)).toBe(true);
    expect(tuner.done()).toBe(false);
    // Reporting bracket 2's rung opens its rung 1 while the others still wait.
    issued.filter((t) => t.bracket === 2).forEach((t) => tuner.report(t.id, { objective: t.id, epochs: 9, status: 'completed' }));
    const next = tuner.next()!;
    expect(next).toMatchObject({ bracket: 2, rung: 1, epochs: 27, resumeFrom: issued.find((t) => t.bracket === 2)!.id });
  });
});
