import { describe, expect, it } from 'vitest';
import { workRates } from '../../../src/core/monitor/rates.ts';

const at = (ms: number, steps: number, samples: number, label = 'Training') => ({ at: ms, label, steps, samples });

describe('workRates', () => {
  it('divides the work done by the time between readings', () => {
    expect(workRates(at(1000, 10, 320), at(3000, 50, 1600))).toEqual({ stepMs: 50, samplesPerSec: 640 });
  });
  it('says nothing across jobs, restarts, or without an earlier reading', () => {
    const none = { stepMs: null, samplesPerSec: null };
    expect(workRates(null, at(1000, 5, 5))).toEqual(none);
    expect(workRates(at(0, 5, 5, 'Checking a batch'), at(1000, 9, 9))).toEqual(none);
    expect(workRates(at(0, 50, 1600), at(1000, 3, 96))).toEqual(none); // a new run restarted the counter
    expect(workRates(at(1000, 5, 5), at(1000, 9, 9))).toEqual(none);
  });
  it('has a throughput but no step time when no step finished', () => {
    expect(workRates(at(0, 4, 100), at(500, 4, 100))).toEqual({ stepMs: null, samplesPerSec: 0 });
  });
});
