import { describe, expect, it } from 'vitest';
import { classificationCurves } from '../../../src/core/evaluate/curves.ts';
import { roundProbabilities, scoreClassification } from '../../../src/core/evaluate/score-classification.ts';

// Reference values from scikit-learn 1.2 (Debian python3-sklearn), printed with repr():
// yp = argmax = [0, 0, 1, 1, 1, 0, 2, 2, 2, 1].
const yTrue = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
const probs = [
  [0.7, 0.2, 0.1], [0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.3, 0.4, 0.3],
  [0.6, 0.2, 0.2], [0.1, 0.1, 0.8], [0.2, 0.3, 0.5], [0.3, 0.3, 0.4], [0.2, 0.5, 0.3],
].flat();

describe('scoreClassification, multiclass', () => {
  const m = scoreClassification(yTrue, probs, ['a', 'b', 'c']);

  it('matches scikit-learn on every score', () => {
    expect(m.accuracy).toBe(0.7);
    expect(m.balancedAccuracy).toBeCloseTo(0.6944444444444443, 14);
    expect(m.precisionMacro).toBeCloseTo(0.7222222222222222, 14);
    expect(m.recallMacro).toBeCloseTo(0.6944444444444443, 14);
    expect(m.f1Macro).toBeCloseTo(0.6984126984126985, 14);
    expect([m.precisionMicro, m.recallMicro, m.f1Micro]).toEqual([0.7, 0.7, 0.7]);
    expect(m.precisionWeighted).toBeCloseTo(0.75, 14);
    expect(m.recallWeighted).toBeCloseTo(0.7, 14);
    expect(m.f1Weighted).toBeCloseTo(0.7142857142857142, 14);
    expect(m.cohenKappa).toBeCloseTo(0.5522388059701493, 14);
    expect(m.mcc).toBeCloseTo(0.5606060606060606, 14);
    expect(m.logLoss).toBeCloseTo(0.8444686500629489, 14);
    expect(m.rocAuc).toBeCloseTo(0.7876984126984127, 14); // roc_auc_score(multi_class='ovr', average='macro')
    expect(m.prAuc).toBeCloseTo(0.7361111111111112, 14); // average_precision_score(label_binarize(y), P, average='macro')
    expect(m.ece).toBeCloseTo(0.25, 14); // worked by hand in probability.test.ts
    expect(m.positiveClass).toBeNull();
    expect(m.threshold).toBeNull();
    expect(m.notes).toEqual([]);
  });

  it('leaves a class absent from the split out of the one-vs-rest AUC, and says so', () => {
    // Drop the rows of class 'b': its one-vs-rest AUC has no positive example.
    const keep = [0, 1, 2, 6, 7, 8, 9];
    const m2 = scoreClassification(keep.map((i) => yTrue[i]), keep.flatMap((i) => probs.slice(i * 3, i * 3 + 3)), ['a', 'b', 'c']);
    const a = m2.rocAuc!;
    expect(a).toBeGreaterThan(0);
    expect(m2.notes.map((n) => [n.code, n.classes])).toEqual([
      ['absent', ['b']],
      ['auc-partial', ['b']],
    ]);
    // Mean of the AUCs of 'a' and 'c' alone.
    const curves = classificationCurves(keep.map((i) => yTrue[i]), keep.flatMap((i) => probs.slice(i * 3, i * 3 + 3)), ['a', 'b', 'c']);
    expect(a).toBeCloseTo((curves[0].rocAuc! + curves[2].rocAuc!) / 2, 15);
    expect(curves[1]).toMatchObject({ label: 'b', rocAuc: null, prAuc: null, reason: "'b': ROC AUC is undefined: the split has no positive example" });
  });
});

describe('scoreClassification, binary', () => {
  // classes ['ham', 'spam']; spam probabilities 0.1, 0.4, 0.35, 0.8 with truth ham, ham, spam, spam.
  const yb = [0, 0, 1, 1];
  const pb = [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8];

  it("scores the second class as positive: scikit-learn's ROC AUC 0.75 and AP 0.8333…", () => {
    const m = scoreClassification(yb, pb, ['ham', 'spam']);
    expect(m).toMatchObject({ positiveClass: 'spam', threshold: 0.5, rocAuc: 0.75, accuracy: 0.75 });
    expect(m.prAuc).toBeCloseTo(5 / 6, 15);
  });

  it('applies the threshold to the class decision only: ranking scores stay', () => {
    const m = scoreClassification(yb, pb, ['ham', 'spam'], { threshold: 0.3 });
    expect(m.confusion).toEqual([[1, 1], [0, 2]]);
    expect(m.threshold).toBe(0.3);
    expect(m.rocAuc).toBe(0.75);
  });

  it('turns the curves round for a named positive class', () => {
    const m = scoreClassification(yb, pb, ['ham', 'spam'], { positiveClass: 'ham' });
    expect(m.positiveClass).toBe('ham');
    expect(m.rocAuc).toBe(0.75); // ROC AUC is symmetric in the two classes
    // Ham scores 0.9 (ham), 0.65 (spam), 0.6 (ham), 0.2 (spam): AP = 0.5·1 + 0.5·(2/3) by hand.
    expect(m.prAuc).toBeCloseTo(0.5 + 0.5 * (2 / 3), 15);
    expect(m.confusion).toEqual([[2, 0], [1, 1]]); // ham when p(ham) ≥ 0.5: rows 0, 1 and 2
  });

  it('gives perfect predictions every best score and all-wrong ones the worst', () => {
    const perfect = scoreClassification([0, 1, 1], [1, 0, 0, 1, 0, 1], ['n', 'p']);
    expect(perfect).toMatchObject({ accuracy: 1, balancedAccuracy: 1, f1Macro: 1, cohenKappa: 1, mcc: 1, rocAuc: 1, prAuc: 1, ece: 0 });
    expect(perfect.logLoss).toBeCloseTo(0, 14);
    const wrong = scoreClassification([0, 1, 1], [0, 1, 1, 0, 1, 0], ['n', 'p']);
    expect(wrong).toMatchObject({ accuracy: 0, balancedAccuracy: 0, f1Macro: 0, mcc: -1, rocAuc: 0, ece: 1 });
    expect(wrong.logLoss).toBeCloseTo(-Math.log(1e-15), 10);
  });

  it('reports a single-class split AUC as null with the reason, never NaN', () => {
    const m = scoreClassification([1, 1], [0.3, 0.7, 0.6, 0.4], ['n', 'p']);
    expect(m.rocAuc).toBeNull();
    expect(m.prAuc).toBeNull();
    const note = m.notes.find((n) => n.code === 'auc-undefined')!;
    expect(note).toEqual({ code: 'auc-undefined', metrics: ['rocAuc', 'prAuc'], classes: ['p'], message: 'ROC AUC is undefined: the split has no negative example' });
    expect(JSON.stringify(m)).not.toContain('NaN');
  });
});

describe('roundProbabilities', () => {
  it('keeps 9 significant digits, enough to tell float32 values apart', () => {
    expect(Array.from(roundProbabilities(Float32Array.of(0.1, 1 / 3, 0)))).toEqual([0.100000001, 0.333333343, 0]);
    const a = Math.fround(0.5);
    const b = Math.fround(0.5 + 2 ** -24); // the next float32 above 0.5
    const [ra, rb] = roundProbabilities([a, b]);
    expect(rb).toBeGreaterThan(ra);
  });
});
