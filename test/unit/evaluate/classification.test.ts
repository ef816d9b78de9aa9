import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { argmaxRows, classificationMetrics } from '../../../src/core/evaluate/classification.ts';

describe('classificationMetrics', () => {
  it('matches hand-computed scores', () => {
    // yTrue = [0,0,1,1,2,2], yPred = [0,1,1,1,2,0]
    // class 0: TP 1, FP 1 (a true 2), FN 1 (predicted 1) → P 1/2, R 1/2, F1 1/2
    // class 1: TP 2, FP 1 (a true 0), FN 0             → P 2/3, R 1,   F1 2·(2/3)·1/(5/3) = 4/5
    // class 2: TP 1, FP 0,            FN 1 (pred. 0)   → P 1,   R 1/2, F1 2·1·(1/2)/(3/2) = 2/3
    const m = classificationMetrics([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], ['a', 'b', 'c']);
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    const expected = [
      { label: 'a', precision: 1 / 2, recall: 1 / 2, f1: 1 / 2, support: 2 },
      { label: 'b', precision: 2 / 3, recall: 1, f1: 4 / 5, support: 2 },
      { label: 'c', precision: 1, recall: 1 / 2, f1: 2 / 3, support: 2 },
    ];
    m.perClass.forEach((s, i) => {
      expect(s.label).toBe(expected[i].label);
      expect(s.support).toBe(expected[i].support);
      expect(s.precision).toBeCloseTo(expected[i].precision, 12);
      expect(s.recall).toBeCloseTo(expected[i].recall, 12);
      expect(s.f1).toBeCloseTo(expected[i].f1, 12);
    });
    // Macro: P (1/2 + 2/3 + 1)/3 = 13/18, R (1/2 + 1 + 1/2)/3 = 2/3, F1 (1/2 + 4/5 + 2/3)/3 = 59/90
    expect(m.precisionMacro).toBeCloseTo(13 / 18, 12);
    expect(m.recallMacro).toBeCloseTo(2 / 3, 12);
    expect(m.f1Macro).toBeCloseTo(59 / 90, 12);
    expect(m.classes).toEqual(['a', 'b', 'c']);
  });

  it('scores a never-predicted class 0, not NaN, and still counts it in the macro mean', () => {
    // Class 1 is never predicted and class 2 never appears at all.
    const m = classificationMetrics([0, 1, 0], [0, 0, 0], ['x', 'y', 'z']);
    expect(m.perClass[1]).toEqual({ label: 'y', precision: 0, recall: 0, f1: 0, support: 1 });
    expect(m.perClass[2]).toEqual({ label: 'z', precision: 0, recall: 0, f1: 0, support: 0 });
    // class 0: P 2/3, R 1, F1 4/5
    expect(m.precisionMacro).toBeCloseTo(2 / 3 / 3, 12);
    expect(m.recallMacro).toBeCloseTo(1 / 3, 12);
    expect(m.f1Macro).toBeCloseTo(4 / 5 / 3, 12);
    // Balanced accuracy averages the classes present (x: 1, y: 0) and leaves z out.
    expect(m.balancedAccuracy).toBe(0.5);
    // Weighted by support 2, 1, 0: precision (2·2/3 + 0) / 3, F1 (2·4/5) / 3.
    expect(m.precisionWeighted).toBeCloseTo(4 / 9, 15);
    expect(m.f1Weighted).toBeCloseTo(8 / 15, 15);
    expect(m.recallWeighted).toBeCloseTo(2 / 3, 15);
  });

  it('says which classes were never predicted or absent, so the UI can explain the zeros', () => {
    const m = classificationMetrics([0, 1, 0], [0, 0, 0], ['x', 'y', 'z']);
    expect(m.notes.map((n) => [n.code, n.classes])).toEqual([
      ['never-predicted', ['y', 'z']],
      ['absent', ['z']],
    ]);
    expect(m.notes[0].message).toBe("The model never predicted 'y', 'z': precision is undefined there and counted as 0");
    expect(classificationMetrics([0, 1], [0, 1], ['a', 'b']).notes).toEqual([]);
  });

  it("matches scikit-learn's precision_recall_fscore_support example (macro, micro, weighted)", () => {
    // y_true cat dog pig cat dog pig, y_pred cat pig dog cat cat dog → macro and weighted (0.222…, 0.333…, 0.266…), micro 1/3.
    const m = classificationMetrics([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], ['cat', 'dog', 'pig']);
    expect([m.precisionMacro, m.recallMacro, m.f1Macro]).toEqual([2 / 9, 1 / 3, 4 / 15].map((v) => expect.closeTo(v, 15)));
    expect([m.precisionWeighted, m.recallWeighted, m.f1Weighted]).toEqual([2 / 9, 1 / 3, 4 / 15].map((v) => expect.closeTo(v, 15)));
    expect([m.precisionMicro, m.recallMicro, m.f1Micro]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect([m.cohenKappa, m.mcc]).toEqual([0, 0]); // scikit-learn: 0.0 and 0.0
  });

  it('gives precision 0 for a class predicted but never true', () => {
    const m = classificationMetrics([0, 0], [0, 1], ['a', 'b']);
    expect(m.perClass[1]).toEqual({ label: 'b', precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('returns zeros for empty input and accepts typed arrays', () => {
    const empty = classificationMetrics([], [], ['a', 'b']);
    expect(empty.accuracy).toBe(0);
    expect(empty.f1Macro).toBe(0);
    const typed = classificationMetrics(Int32Array.from([1, 0]), Float32Array.from([1, 0]), ['a', 'b']);
    expect(typed.accuracy).toBe(1);
    expect(typed.f1Macro).toBe(1);
  });

  it('rejects mismatched lengths and out-of-range labels', () => {
    expect(() => classificationMetrics([0], [0, 1], ['a', 'b'])).toThrow(RangeError);
    expect(() => classificationMetrics([2], [0], ['a', 'b'])).toThrow(/yTrue\[0\]/);
    expect(() => classificationMetrics([0], [0.5], ['a', 'b'])).toThrow(/yPred\[0\]/);
  });

  it('keeps every score in [0, 1] and the confusion matrix consistent', () => {
    const arb = fc.integer({ min: 1, max: 5 }).chain((k) =>
      fc.array(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)), { maxLength: 60 }).map((pairs) => ({ k, pairs })),
    );
    fc.assert(
      fc.property(arb, ({ k, pairs }) => {
        const classes = Array.from({ length: k }, (_, i) => `c${i}`);
        const m = classificationMetrics(pairs.map((p) => p[0]), pairs.map((p) => p[1]), classes);
        const total = m.confusion.flat().reduce((a, b) => a + b, 0);
        const trace = m.confusion.reduce((a, row, i) => a + row[i], 0);
        expect(total).toBe(pairs.length);
        expect(m.accuracy).toBe(pairs.length === 0 ? 0 : trace / pairs.length);
        for (const v of [m.accuracy, m.precisionMacro, m.recallMacro, m.f1Macro, ...m.perClass.flatMap((s) => [s.precision, s.recall, s.f1])]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('argmaxRows', () => {
  it('picks the largest column per row, first on ties, skipping NaN', () => {
    expect(Array.from(argmaxRows([0.1, 0.9, 0.7, 0.3], 2))).toEqual([1, 0]);
    expect(Array.from(argmaxRows(Float32Array.from([0.2, 0.5, 0.5, 0.1, 0.1, 0.1]), 3))).toEqual([1, 0]);
    expect(Array.from(argmaxRows([NaN, 0.2, 0.1, NaN, NaN, NaN], 3))).toEqual([1, 0]);
    expect(argmaxRows([], 3)).toHaveLength(0);
  });

  it('rejects a length that is not a multiple of classCount', () => {
    expect(() => argmaxRows([0.1, 0.2, 0.3], 2)).toThrow(RangeError);
    expect(() => argmaxRows([0.1], 0)).toThrow(RangeError);
  });
});
