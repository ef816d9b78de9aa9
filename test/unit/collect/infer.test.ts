import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findNonFinite, inferColumnType, isMissingToken, isNonFiniteToken, parseNumber } from '../../../src/core/collect/infer.ts';

describe('isMissingToken', () => {
  it('recognises the missing spellings after trimming', () => {
    for (const s of ['', '  ', 'NA', 'N/A', 'na', 'n/a', 'null', 'NULL', 'None', '?', 'NaN', 'nan', ' NA ']) {
      expect(isMissingToken(s), s).toBe(true);
    }
  });
  it('leaves real values alone', () => {
    for (const s of ['0', 'none of these', 'Nan Goldin', 'N', 'Null value', '-']) expect(isMissingToken(s), s).toBe(false);
  });
});

describe('parseNumber', () => {
  it('parses decimal and scientific numbers with signs', () => {
    expect(parseNumber('42')).toBe(42);
    expect(parseNumber('-3.5')).toBe(-3.5);
    expect(parseNumber('+7')).toBe(7);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('5.')).toBe(5);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('-2.5E-2')).toBe(-0.025);
    expect(parseNumber('  12 ')).toBe(12);
  });
  it('rejects text, hex, separators and non-finite values', () => {
    for (const s of ['', 'abc', '0x10', '1,000', '1.2.3', 'inf', 'Infinity', '-Infinity', 'NaN', '1e999', '--1', '1e', 'e5', '.']) {
      expect(parseNumber(s), s).toBeNull();
    }
  });
  it('round-trips every finite double written by String()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseNumber(String(x))).toBe(x === 0 ? 0 : x); // String(-0) is '0'
      }),
    );
  });
});

describe('inferColumnType', () => {
  it('is numeric when every present value is a number', () => {
    expect(inferColumnType(['1', '2.5', '', 'NA', '-3e2'])).toBe('numeric');
  });
  it('is categorical when any present value is text', () => {
    expect(inferColumnType(['1', '2', 'three'])).toBe('categorical');
    expect(inferColumnType(['1', 'inf'])).toBe('categorical');
  });
  it('is categorical when nothing is present', () => {
    expect(inferColumnType(['', 'NA'])).toBe('categorical');
    expect(inferColumnType([])).toBe('categorical');
  });
});

describe('findNonFinite', () => {
  it('finds the first inf-like token in an otherwise numeric column', () => {
    expect(findNonFinite(['1', '', 'inf', '-Infinity'])).toBe(2);
    expect(findNonFinite(['1', '-inf'])).toBe(1);
    expect(findNonFinite(['1e999', '2'])).toBe(0);
  });
  it('returns -1 for clean numeric, text columns and inf-only columns', () => {
    expect(findNonFinite(['1', '2'])).toBe(-1);
    expect(findNonFinite(['a', 'inf', '1'])).toBe(-1);
    expect(findNonFinite(['inf', 'NA'])).toBe(-1);
  });
  it('isNonFiniteToken is case-insensitive', () => {
    expect(isNonFiniteToken('INF')).toBe(true);
    expect(isNonFiniteToken('+Infinity')).toBe(true);
    expect(isNonFiniteToken('info')).toBe(false);
  });
});
