import { describe, expect, it } from 'vitest';
import { detectTask } from '../../../src/core/prepare/task.ts';
import type { Column } from '../../../src/core/collect/table.ts';

const numeric = (values: number[]): Column => ({ name: 'y', type: 'numeric', values: Float64Array.from(values) });

describe('detectTask', () => {
  it('calls any categorical label classification', () => {
    expect(detectTask({ name: 'y', type: 'categorical', categories: ['a', 'b'], codes: Int32Array.from([0, 1, 1]) })).toBe(
      'classification',
    );
  });
  it('calls a few repeated integers classification', () => {
    expect(detectTask(numeric([0, 1, 1, 0, NaN, 1]))).toBe('classification');
    expect(detectTask(numeric([1, 2, 3, 1, 2, 3]))).toBe('classification'); // 3 distinct ≤ 6/2
  });
  it('calls fractional values regression', () => {
    expect(detectTask(numeric([0, 1, 1.5, 0, 1, 0]))).toBe('regression');
  });
  it('calls integers with too many distinct values regression', () => {
    const many = Array.from({ length: 100 }, (_, i) => i % 21); // 21 distinct
    expect(detectTask(numeric(many))).toBe('regression');
    const twenty = Array.from({ length: 100 }, (_, i) => i % 20);
    expect(detectTask(numeric(twenty))).toBe('classification');
  });
  it('calls mostly-unique integers regression', () => {
    expect(detectTask(numeric([1, 2, 3, 4, 4]))).toBe('regression'); // 4 distinct > 5/2
  });
  it('calls an all-missing numeric column regression', () => {
    expect(detectTask(numeric([NaN, NaN]))).toBe('regression');
  });
});
