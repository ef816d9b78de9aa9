import type { ScheduleSpec } from '../spec/schema.ts';

/**
 * Learning rate of a step schedule in 1-based `epoch`: `base · factor^⌊(epoch − 1) / every⌋`.
 *
 * stepRate(0.1, 11, 10, 0.5) // → 0.05
 */
export function stepRate(base: number, epoch: number, every: number, factor: number): number {
  return base * factor ** Math.floor((epoch - 1) / every);
}

/**
 * Learning rate of a cosine schedule in 1-based `epoch` of `epochs`: half a cosine from `base`
 * (epoch 1) towards `minLr`, which the epoch after the last would reach.
 *
 * cosineRate(0.1, 1, 10, 0) // → 0.1;  cosineRate(0.1, 6, 10, 0) // → 0.05
 */
export function cosineRate(base: number, epoch: number, epochs: number, minLr: number): number {
  const t = Math.min(1, (epoch - 1) / Math.max(1, epochs));
  return minLr + ((base - minLr) * (1 + Math.cos(Math.PI * t))) / 2;
}

/** A schedule as the loop drives it: ask the rate for an epoch, then report the epoch's monitored value. */
export interface LearningRateSchedule {
  /** The rate to train 1-based `epoch` with. */
  rateFor(epoch: number): number;
  /** The monitored validation value after `epoch` (NaN when there is none); only plateau listens. */
  observe(value: number): void;
}

/**
 * Builds the schedule a spec names. Plateau multiplies the rate by `factor` once the monitored
 * value has gone `patience` epochs without improving, then waits another `patience` epochs.
 *
 * const s = createSchedule({ type: 'step', every: 2, factor: 0.5 }, 0.1, 10); [1, 2, 3].map((e) => s.rateFor(e)) // → [0.1, 0.1, 0.05]
 */
export function createSchedule(spec: ScheduleSpec, base: number, epochs: number, higherIsBetter = false): LearningRateSchedule {
  if (spec.type === 'step') return { rateFor: (e) => stepRate(base, e, spec.every, spec.factor), observe: () => {} };
  if (spec.type === 'cosine') return { rateFor: (e) => cosineRate(base, e, epochs, spec.minLr), observe: () => {} };
  if (spec.type === 'none') return { rateFor: () => base, observe: () => {} };
  let rate = base;
  const watch = createMonitor(higherIsBetter);
  let wait = 0;
  return {
    rateFor: () => rate,
    observe(value) {
      if (watch(value)) wait = 0;
      else if (++wait >= spec.patience) {
        rate = Math.max(spec.minLr, rate * spec.factor);
        wait = 0;
      }
    },
  };
}

/**
 * A tracker of the best value so far: returns true when `value` improves on it by more than a
 * hair (1e-7, so float noise is not progress). NaN never improves.
 */
export function createMonitor(higherIsBetter: boolean): (value: number) => boolean {
  let best = higherIsBetter ? -Infinity : Infinity;
  return (value) => {
    const better = higherIsBetter ? value > best + 1e-7 : value < best - 1e-7;
    if (better) best = value;
    return better;
  };
}
