import { describe, expect, it } from 'vitest';
import type { ModelDoc } from '../../../../src/core/deploy/model-doc.ts';
import { decisionOf, decodeOutputs } from '../../../../src/core/deploy/predict/decode.ts';

/** An image model doc: only `classes` and the saved spec matter to decoding classes. */
const doc = (classes: string[], evaluate?: object) => ({ kind: 'images', classes, spec: { version: 1, ...(evaluate ? { evaluate } : {}) } }) as unknown as ModelDoc;
const predictions = (d: ModelDoc, outputs: number[]) => decodeOutputs(d, Float32Array.from(outputs), outputs.length / (d as { classes: string[] }).classes.length).map((p) => p.prediction);

describe('decodeOutputs applies the saved decision rule', () => {
  const outputs = [0.75, 0.25, 0.6, 0.4, 0.2, 0.8];

  it('uses the saved threshold on the positive (second) class', () => {
    expect(predictions(doc(['no', 'yes'], { threshold: 0.3 }), outputs)).toEqual(['no', 'yes', 'yes']);
    expect(predictions(doc(['no', 'yes'], { threshold: 0.9 }), outputs)).toEqual(['no', 'no', 'no']);
  });

  it('falls back to 0.5 for a model saved before the spec had `evaluate`', () => {
    expect(decisionOf(doc(['no', 'yes']))).toEqual({ threshold: 0.5 });
    expect(predictions(doc(['no', 'yes']), outputs)).toEqual(['no', 'no', 'yes']);
  });

  it('compares the named positive class', () => {
    expect(predictions(doc(['no', 'yes'], { threshold: 0.7, positiveClass: 'no' }), outputs)).toEqual(['no', 'yes', 'yes']);
  });

  it('keeps the raw probabilities and ignores the threshold beyond two classes', () => {
    const [first] = decodeOutputs(doc(['no', 'yes'], { threshold: 0.3 }), Float32Array.of(0.75, 0.25), 1);
    expect(first.probabilities).toEqual([0.75, 0.25]);
    expect(predictions(doc(['a', 'b', 'c'], { threshold: 0.1 }), [0.5, 0.3, 0.2, 0.1, 0.2, 0.7])).toEqual(['a', 'c']);
  });

  it('names the spec path when the saved positive class is not a class', () => {
    expect(() => predictions(doc(['no', 'yes'], { positiveClass: 'maybe' }), outputs)).toThrow(/^evaluate\.positiveClass: 'maybe' is not a class/);
  });
});
