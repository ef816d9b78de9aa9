import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalNumber, notNumber, parseDecimalInto, scanNumber } from '../../../src/core/collect/csv-number.ts';

// The pattern infer.ts's parseNumber uses; scanNumber must accept exactly the same texts.
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const numberish = fc.oneof(
  fc.double({ noNaN: true }).map(String),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).chain((x) => fc.integer({ min: 0, max: 8 }).map((d) => x.toFixed(d))),
  fc.array(fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', '5', '0', 'x', ' '), { maxLength: 12 }).map((a) => a.join('')),
  fc.string({ maxLength: 6 }),
);

describe('scanNumber', () => {
  it('accepts exactly the plain decimal/scientific numbers parseNumber accepts', () => {
    fc.assert(
      fc.property(numberish, (t) => {
        expect(scanNumber(t) !== notNumber, t).toBe(numberPattern.test(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('calls a number canonical only when String(Number(text)) gives the text back', () => {
    fc.assert(
      fc.property(numberish, (t) => {
        if (scanNumber(t) === canonicalNumber) expect(String(Number(t)), t).toBe(t);
      }),
      { numRuns: 20_000 },
    );
  });

  it('sorts the usual spellings', () => {
    for (const t of ['0', '12', '-3', '4.25', '-0.5', '0.000001', '123456789012345']) expect(scanNumber(t), t).toBe(canonicalNumber);
    for (const t of ['1.50', '007', '+3', '.5', '5.', '1e3', '-0', '0.0000001', '1234567890123456']) {
      expect(scanNumber(t), t).toBe(2);
    }
    for (const t of ['', '.', '-', 'e5', '1e', '1.2.3', '0x10', 'inf', 'NaN', '1,000']) expect(scanNumber(t), t).toBe(notNumber);
  });
});

describe('parseDecimalInto', () => {
  /** The text a zeros code stands for, as Spellings rebuilds it. */
  const spelled = (value: number, code: number) => String(value) + (code >= 128 ? '.' : '') + '0'.repeat(code & 127);

  it('reads Number(text) in place, with a code that gives the text back, or leaves the slot alone', () => {
    fc.assert(
      fc.property(numberish, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (t, before, after) => {
        const into = Float64Array.of(7, 7);
        const code = parseDecimalInto(before + t + after, before.length, before.length + t.length, into, 1);
        expect(into[0]).toBe(7);
        if (code < 0) {
          expect(into[1]).toBe(7);
          return;
        }
        expect(Object.is(into[1], Number(t)), t).toBe(true);
        expect(spelled(into[1], code), t).toBe(t);
        expect(code === 0, t).toBe(scanNumber(t) === canonicalNumber);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the fixed-decimal spellings of measurements and leaves the rest to the general path', () => {
    const read = (t: string) => {
      const into = new Float64Array(1);
      const code = parseDecimalInto(t, 0, t.length, into, 0);
      return code < 0 ? code : [into[0], code];
    };
    expect(read('-12.5')).toEqual([-12.5, 0]);
    expect(read('123456789012345')).toEqual([123456789012345, 0]);
    expect(read('0.1')).toEqual([0.1, 0]);
    expect(['62.30', '170.0', '0.000', '-2.50', '100', '0.5', '45.20'].map(read)).toEqual([
      [62.3, 1],
      [170, 129],
      [0, 131],
      [-2.5, 1],
      [100, 0],
      [0.5, 0],
      [45.2, 1],
    ]);
    for (const t of ['', '-', '.5', '5.', '007', '+3', '1e3', '-0', '-0.0', ' 1', '1 ', '0.00000001', '1234567890123456', '1,5']) {
      expect(read(t), t).toBe(-1);
    }
  });
});

