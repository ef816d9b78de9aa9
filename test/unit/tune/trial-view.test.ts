import { describe, expect, it } from 'vitest';
import { axisPosition, bestSoFar, formatValue, formatValues, objectiveExtent, parseValues } from '../../../src/core/tune/trial-view.ts';

describe('trial view helpers', () => {
  it('tracks the best objective so far in either direction, skipping failed trials', () => {
    const rows = [{ objective: 0.5 }, { objective: null }, { objective: 0.7 }, { objective: 0.6 }];
    expect(bestSoFar(rows, 'maximize')).toEqual([0.5, 0.5, 0.7, 0.7]);
    expect(bestSoFar(rows, 'minimize')).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(bestSoFar([{ objective: null }, { objective: 2 }], 'minimize')).toEqual([null, 2]);
  });

  it('reads and writes categorical values, refusing what it cannot read', () => {
    expect(parseValues('16, 32, 64')).toEqual([16, 32, 64]);
    expect(parseValues('adam, sgd')).toEqual(['adam', 'sgd']);
    expect(parseValues('[16], [32, 16]')).toEqual([[16], [32, 16]]);
    expect(parseValues('[16], [a]')).toBeNull();
    expect(parseValues('16,,32')).toBeNull();
    expect(formatValues([[16], [32, 16]])).toBe('[16], [32, 16]');
    expect(parseValues(formatValues([0.1, 1e-4, 'relu']))).toEqual([0.1, 1e-4, 'relu']);
    expect(formatValue(0.0031234)).toBe('0.00312');
  });

  it('places values on log, linear and categorical axes', () => {
    expect(axisPosition({ type: 'continuous', min: 1e-4, max: 1e-2, scale: 'log' }, 1e-3)).toBeCloseTo(0.5, 12);
    expect(axisPosition({ type: 'integer', min: 0, max: 10, scale: 'linear' }, 5)).toBe(0.5);
    expect(axisPosition({ type: 'categorical', values: [[16], [32], [64, 32]] }, [64, 32])).toBe(1);
    expect(axisPosition({ type: 'categorical', values: [[16], [32]] }, [8])).toBeNull();
    expect(objectiveExtent([{ objective: null }, { objective: 0.9 }, { objective: 0.6 }])).toEqual([0.6, 0.9]);
    expect(objectiveExtent([{ objective: 1 }])).toEqual([0.5, 1.5]);
  });
});
