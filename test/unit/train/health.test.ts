import { describe, expect, it } from 'vitest';
import { overfittingStart, trainingHealth, type HealthContext } from '../../../src/core/train/health.ts';
import type { EpochLogs } from '../../../src/core/train/protocol.ts';

/** Epoch logs from per-epoch losses (and accuracies / validation losses when given). */
const epochsOf = (loss: number[], acc?: number[], valLoss?: number[]): EpochLogs[] =>
  loss.map((l, i) => ({ epoch: i + 1, loss: l, acc: acc?.[i], valLoss: valLoss?.[i], numTensors: 20, ms: 5 }));
const iris: HealthContext = { task: 'classification', classes: 3, learningRate: 0.02 };
const ln3 = Math.log(3);
// A healthy Iris run: the loss falls from chance, accuracy climbs.
const healthy = epochsOf([1.1, 0.9, 0.7, 0.5, 0.4, 0.33, 0.3, 0.28], [0.33, 0.6, 0.7, 0.85, 0.9, 0.93, 0.95, 0.95]);

describe('trainingHealth', () => {
  it('is quiet for a learning run, and for a converged one whose accuracy no longer moves', () => {
    expect(trainingHealth(healthy, iris)).toBeNull();
    expect(trainingHealth(epochsOf([0.08, 0.08, 0.081, 0.08, 0.08], [0.97, 0.97, 0.97, 0.97, 0.97]), iris)).toBeNull();
    expect(trainingHealth([], iris)).toBeNull();
  });

  it('says a NaN or infinite loss at the first epoch it appears, with a lower learning rate', () => {
    const w = trainingHealth(epochsOf([1.1, 0.9, NaN, NaN]), { ...iris, learningRate: 10 })!;
    expect([w.kind, w.epoch, w.learningRate]).toEqual(['not-finite', 3, 0.001]);
    expect(w.message).toContain('NaN');
    expect(w.fix).toBe('Stop, and try a learning rate of 0.001 (now 10).');
    const inf = trainingHealth(epochsOf([1.1, Infinity]), { ...iris, learningRate: 0.001 })!;
    expect([inf.kind, inf.epoch, inf.learningRate]).toEqual(['not-finite', 2, 0.0001]);
    expect(inf.message).toContain('infinite');
    expect(trainingHealth(epochsOf([1.1, 1], undefined, [1, NaN]), iris)?.kind).toBe('not-finite');
  });

  it('says an exploding loss: three rises in a row to over three times the start', () => {
    const w = trainingHealth(epochsOf([1.1, 2, 5, 40]), { ...iris, learningRate: 0.5 })!;
    expect([w.kind, w.epoch, w.learningRate]).toEqual(['exploding', 4, 0.001]);
    // A rise that stays under three times the start is noise, not an explosion.
    expect(trainingHealth(epochsOf([1.1, 0.5, 0.6, 0.7]), iris)).toBeNull();
  });

  it('says a classification loss far above guessing, as with a learning rate of 10 on Iris', () => {
    // Measured on the page: the loss jumped between about 3 and 300 with accuracy still moving.
    const w = trainingHealth(epochsOf([326, 40, 8, 120, 9, 30, 8.3], [0.69, 0.8, 0.7, 0.9, 0.75, 0.92, 0.9]), { ...iris, learningRate: 10 })!;
    expect([w.kind, w.epoch, w.learningRate]).toEqual(['unstable', 7, 0.001]);
    expect(w.message).toContain('about 9 over the last 5 epochs');
    // Just above guessing is not yet overshooting.
    expect(trainingHealth(epochsOf([1.3, 1.2, 1.25, 1.2, 1.15], [0.4, 0.45, 0.5, 0.55, 0.6]), iris)).toBeNull();
  });

  it('says one class predicted for everything: accuracy frozen at a class share, loss flat', () => {
    const w = trainingHealth(epochsOf([9.1, 9.0, 9.1, 9.05, 9.0], [1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3]), { ...iris, learningRate: 10 })!;
    expect([w.kind, w.epoch, w.learningRate]).toEqual(['one-class', 5, 0.001]);
    expect(w.message).toContain('33.3 %');
    // An imbalanced set: frozen at the majority's 80 %.
    const imbalanced = { ...iris, classes: 2, classShares: [0.8, 0.2] };
    expect(trainingHealth(epochsOf([0.5, 0.5, 0.5, 0.5, 0.5], [0.8, 0.8, 0.8, 0.8, 0.8]), imbalanced)?.kind).toBe('one-class');
    // Four epochs are not yet a pattern.
    expect(trainingHealth(epochsOf([9, 9, 9, 9], [1 / 3, 1 / 3, 1 / 3, 1 / 3]), iris)).toBeNull();
  });

  it('says a loss flat at ln K (guessing), with a fix that depends on the rate', () => {
    const flat = epochsOf([1.1, 1.099, 1.1, 1.098, 1.099, 1.1], [0.3, 0.4, 0.35, 0.31, 0.38, 0.36]);
    const w = trainingHealth(flat, iris)!;
    expect([w.kind, w.epoch, w.learningRate]).toEqual(['flat-at-chance', 6, 0.001]);
    expect(w.message).toContain('ln 3 = 1.1');
    expect(trainingHealth(flat, { ...iris, learningRate: 0.00005 })?.learningRate).toBe(0.001);
    const mid = trainingHealth(flat, { ...iris, learningRate: 0.001 })!;
    expect(mid.learningRate).toBeUndefined();
    expect(mid.fix).toMatch(/more epochs/);
    // Flat, but well below chance: a plateau of a model that learned, not a failure.
    expect(trainingHealth(epochsOf([0.4, 0.4, 0.4, 0.4, 0.4], [0.8, 0.82, 0.81, 0.8, 0.83]), iris)).toBeNull();
    // Regression has no chance level: only NaN and explosions are said.
    expect(trainingHealth(epochsOf([ln3, ln3, ln3, ln3, ln3]), { task: 'regression', classes: 0, learningRate: 0.02 })).toBeNull();
  });
});

describe('overfittingStart', () => {
  it('marks the epoch where validation loss turned up while training loss fell', () => {
    const train = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1];
    const val = [1.0, 0.8, 0.6, 0.55, 0.58, 0.62, 0.66, 0.7, 0.75, 0.8];
    const o = overfittingStart(epochsOf(train, undefined, val), 'images')!;
    expect(o.epoch).toBe(4);
    expect(o.rise).toBeCloseTo(0.775 / 0.5767 - 1, 3);
    expect(o.message).toMatch(/^Overfitting from epoch 4: .* risen 34 % .* training images/);
  });

  it('stays quiet while both fall, when training loss rises too, without validation, and when it is too early', () => {
    const falling = [1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2];
    expect(overfittingStart(epochsOf(falling, undefined, falling.map((x) => x + 0.1)))).toBeNull();
    const bothRise = [0.5, 0.4, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55];
    expect(overfittingStart(epochsOf(bothRise, undefined, bothRise))).toBeNull();
    expect(overfittingStart(epochsOf(falling))).toBeNull();
    expect(overfittingStart(epochsOf([1, 0.5, 0.2], undefined, [1, 0.8, 1.5]))).toBeNull();
  });
});
