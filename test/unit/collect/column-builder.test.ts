import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../../src/core/collect/column-builder.ts';
import { Spellings } from '../../../src/core/collect/csv-spellings.ts';
import { findNonFinite, inferColumnType, isMissingToken, parseNumber } from '../../../src/core/collect/infer.ts';
import { columnData } from './csv-helpers.ts';

/** Builds a column from `cells` (data row r on line r + 2) and returns it, or the error message. */
function build(cells: string[]) {
  const b = new ColumnBuilder('x', 'f.csv');
  cells.forEach((c, r) => b.add(c, r + 2));
  try {
    return columnData(b.finish());
  } catch (e) {
    return (e as Error).message;
  }
}

/** The batch rules (what parseCsv did before streaming), as the reference. */
function reference(cells: string[]) {
  const values = cells.map((c) => c.trim());
  const bad = findNonFinite(values);
  if (bad >= 0) return `f.csv line ${bad + 2}, column 'x': '${values[bad]}' is not a finite number; replace it or leave the cell empty`;
  if (inferColumnType(values) === 'numeric') {
    return { name: 'x', type: 'numeric', values: values.map((v) => parseNumber(v) ?? NaN) };
  }
  const categories: string[] = [];
  const codes = values.map((v) => {
    if (isMissingToken(v)) return -1;
    if (!categories.includes(v)) categories.push(v);
    return categories.indexOf(v);
  });
  return { name: 'x', type: 'categorical', categories, codes };
}

const cellText = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('1.50', '007', '+3', '.5', '1e3', '-0', '5.', ' 12 ', '1e999', '0.1', '62.00', '0.000', '-2.50', '1e21', '12.3456789012345678') },
  { weight: 2, arbitrary: fc.constantFrom('', 'NA', '?', 'NaN', 'null', ' ') },
  { weight: 1, arbitrary: fc.constantFrom('inf', '-Infinity', 'INF') },
  { weight: 1, arbitrary: fc.constantFrom('red', 'a long category name', 'Nan Goldin', '1,000', '0x10') },
);

describe('ColumnBuilder', () => {
  it('agrees with the batch typing rules on any column', () => {
    fc.assert(
      fc.property(fc.array(cellText, { maxLength: 40 }), (cells) => {
        expect(build(cells)).toEqual(reference(cells));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a cell inside a larger string exactly as the cell on its own', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cellText, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })), { maxLength: 30 }), (cells) => {
        const inPlace = new ColumnBuilder('x', 'f.csv');
        cells.forEach(([c, before, after], r) => inPlace.addRange(before + c + after, before.length, before.length + c.length, r + 2));
        let result: unknown;
        try {
          result = columnData(inPlace.finish());
        } catch (e) {
          result = (e as Error).message;
        }
        expect(result).toEqual(build(cells.map(([c]) => c)));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps numbers in a Float64Array as the column grows past its first allocation', () => {
    const b = new ColumnBuilder('n', 'f.csv');
    for (let i = 0; i < 5000; i++) b.add(String(i / 4), i + 2);
    const column = b.finish();
    expect(column.type).toBe('numeric');
    if (column.type !== 'numeric') return;
    expect(column.values).toBeInstanceOf(Float64Array);
    expect(column.values.length).toBe(5000);
    expect(column.values[4999]).toBe(4999 / 4);
  });

  it('turns categorical late and keeps earlier cells exactly as written', () => {
    const b = new ColumnBuilder('zip', 'f.csv');
    const cells = ['02134', '90210', 'NA', '1e3', '02134', 'inf', 'unknown'];
    cells.forEach((c, r) => b.add(c, r + 2));
    const column = b.finish();
    expect(column.type === 'categorical' && column.categories).toEqual(['02134', '90210', '1e3', 'inf', 'unknown']);
    expect(column.type === 'categorical' && Array.from(column.codes)).toEqual([0, 1, -1, 2, 0, 3, 4]);
  });

  it('reports the first infinite value of a numeric column by line and column', () => {
    const b = new ColumnBuilder('speed', 'cars.csv');
    ['1', '2', 'inf', '-inf'].forEach((c, r) => b.add(c, r * 2 + 2));
    expect(() => b.finish()).toThrow("cars.csv line 6, column 'speed': 'inf' is not a finite number; replace it or leave the cell empty");
  });

  it('remembers fixed-decimal spellings compactly and other spellings as text', () => {
    const s = new Spellings();
    const cases: [string, string][] = [['62.30', '62.3'], ['62.00', '62'], ['5.', '5'], ['007', '7'], ['+3', '3'], ['inf', ''], ['1.000e3', '1000']];
    cases.forEach(([text, canonical], row) => s.add(row * 3, text, canonical));
    expect(s.size).toBe(cases.length);
    const values = new Map(cases.map(([, canonical], row) => [row * 3, canonical]));
    cases.forEach(([text], k) => {
      expect(s.rowAt(k)).toBe(k * 3);
      expect(s.textAt(k, (r) => values.get(r)!)).toBe(text);
    });
  });

  it('reserve allocates once for the expected rows', () => {
    const b = new ColumnBuilder('n', 'f.csv');
    b.reserve(100_000);
    expect(b.capacity).toBe(100_000);
    b.add('1', 2);
    expect(b.capacity).toBe(100_000);
    expect(b.length).toBe(1);
  });
});
