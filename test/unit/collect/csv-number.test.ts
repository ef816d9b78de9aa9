import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalNumber, fastNumber, notNumber, scanNumber } from '../../../src/core/collect/csv-number.ts';

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

  it('fastNumber is Number(text) for canonical numbers and NaN for everything else', () => {
    fc.assert(
      fc.property(numberish, (t) => {
        const fast = fastNumber(t);
        if (scanNumber(t) === canonicalNumber) expect(Object.is(fast, Number(t)), t).toBe(true);
        else expect(fast, t).toBeNaN();
      }),
      { numRuns: 20_000 },
    );
    expect(fastNumber('-12.5')).toBe(-12.5);
    expect(fastNumber('123456789012345')).toBe(123456789012345);
    expect(fastNumber('0.1')).toBe(0.1);
  });

  it('sorts the usual spellings', () => {
    for (const t of ['0', '12', '-3', '4.25', '-0.5', '0.000001', '123456789012345']) expect(scanNumber(t), t).toBe(canonicalNumber);
    for (const t of ['1.50', '007', '+3', '.5', '5.', '1e3', '-0', '0.0000001', '1234567890123456']) {
      expect(scanNumber(t), t).toBe(2);
    }
    for (const t of ['', '.', '-', 'e5', '1e', '1.2.3', '0x10', 'inf', 'NaN', '1,000']) expect(scanNumber(t), t).toBe(notNumber);
  });
});
