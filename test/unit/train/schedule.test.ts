import { describe, expect, it } from 'vitest';
import { cosineRate, createMonitor, createSchedule, stepRate } from '../../../src/core/train/schedule.ts';

const rates = (s: { rateFor: (e: number) => number }, epochs: number) => Array.from({ length: epochs }, (_, i) => s.rateFor(i + 1));

describe('learning-rate schedules', () => {
  it('none keeps the base rate', () => {
    expect(rates(createSchedule({ type: 'none' }, 0.02, 4), 4)).toEqual([0.02, 0.02, 0.02, 0.02]);
  });

  it('step multiplies by factor every `every` epochs', () => {
    expect(rates(createSchedule({ type: 'step', every: 2, factor: 0.5 }, 0.1, 7), 7)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]);
    expect(stepRate(1, 10, 3, 0.1)).toBeCloseTo(0.001, 15);
  });

  it('cosine runs half a cosine from the base towards minLr', () => {
    const got = rates(createSchedule({ type: 'cosine', minLr: 0 }, 0.1, 4), 4);
    // t = 0, 1/4, 1/2, 3/4 → 0.1 · (1 + cos πt) / 2
    const want = [0.1, 0.0853553390593, 0.05, 0.0146446609407];
    got.forEach((r, i) => expect(r).toBeCloseTo(want[i], 12));
    expect(cosineRate(0.1, 3, 4, 0.02)).toBeCloseTo(0.06, 12);
  });

  it('plateau cuts the rate after `patience` epochs without improvement, then waits again', () => {
    const s = createSchedule({ type: 'plateau', patience: 2, factor: 0.1, minLr: 0.0001 }, 0.1, 20);
    const seen: number[] = [];
    for (const v of [1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.8, 0.85, 0.86, 0.87, 0.88]) {
      seen.push(s.rateFor(seen.length + 1));
      s.observe(v);
    }
    seen.push(s.rateFor(seen.length + 1));
    expect(seen.map((r) => +r.toPrecision(6))).toEqual([0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001, 0.001, 0.0001, 0.0001, 0.0001]);
  });

  it('plateau on accuracy watches for a rise, not a fall', () => {
    const s = createSchedule({ type: 'plateau', patience: 1, factor: 0.5, minLr: 0 }, 1, 10, true);
    s.observe(0.5);
    s.observe(0.6);
    expect(s.rateFor(3)).toBe(1);
    s.observe(0.55);
    expect(s.rateFor(4)).toBe(0.5);
  });

  it('a monitor ignores NaN and float noise', () => {
    const better = createMonitor(false);
    expect([1, NaN, 1 - 1e-9, 0.5].map(better)).toEqual([true, false, false, true]);
  });
});
