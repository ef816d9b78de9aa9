import { describe, expect, it } from 'vitest';
import { scoredRows, worstPredictions } from '../../../src/core/evaluate/regression-details.ts';

describe('scoredRows and worstPredictions', () => {
  const rows = scoredRows([7, 9, 11, 12], [10, 20, 30, 40], [12, 18, 35, 45]);

  it('pairs each row with its signed error (predicted − actual)', () => {
    expect(rows[0]).toEqual({ row: 7, actual: 10, predicted: 12, error: 2 });
    expect(rows[1].error).toBe(-2);
  });

  it('lists the largest |error| first, equal errors in row order', () => {
    expect(worstPredictions(rows, 3).map((r) => r.row)).toEqual([11, 12, 7]);
    expect(worstPredictions(rows, 0)).toEqual([]);
    expect(worstPredictions(rows)).toHaveLength(4);
  });

  it('rejects misaligned input', () => {
    expect(() => scoredRows([1], [1, 2], [1, 2])).toThrow(RangeError);
  });
});
