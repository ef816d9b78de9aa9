import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRowReader, type CsvRow } from '../../../../src/core/deploy/predict/csv-rows.ts';
import { checkHeader, predictionColumns } from '../../../../src/core/deploy/predict/header.ts';
import type { TableModelDoc } from '../../../../src/core/deploy/model-doc.ts';

/** Feeds `text` cut at `cuts` and returns every row. */
function readAll(text: string, cuts: number[] = []): CsvRow[] {
  const reader = new CsvRowReader('t.csv');
  const rows: CsvRow[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    rows.push(...reader.push(text.slice(at, cut)));
    at = cut;
  }
  rows.push(...reader.push(text.slice(at)), ...reader.finish());
  return rows;
}

const cells = (rows: CsvRow[]) => rows.map((r) => r.cells);

describe('CsvRowReader', () => {
  it('keeps cells as written, quoted commas and newlines included, and skips blank lines', () => {
    const text = '\uFEFFa,b,c\r\n1, x ,"q,""r""\r\nline"\r\n\r\n,,\r\n4,5\r\n';
    expect(cells(readAll(text))).toEqual([['a', 'b', 'c'], ['1', ' x ', 'q,"r"\r\nline'], ['4', '5']]);
  });

  it('reads tab- and semicolon-separated files', () => {
    expect(cells(readAll('a\tb\n1\t2\n'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells(readAll('a;b\n1,5;2\n'))).toEqual([['a', 'b'], ['1,5', '2']]);
  });

  it('marks a row with malformed quotes instead of stopping; a stray quote inside a plain cell is text', () => {
    // Past a broken quoted field nothing can be trusted, so (as in Papa) the rest of the text is that field.
    const rows = readAll('a,b\n1,"x"y\n2,3\n');
    expect(rows.map((r) => r.error)).toEqual([null, 'malformed quotes (a quote inside a quoted field must be doubled: "")']);
    expect(cells(readAll('a,b\n1,x"y\n2,3\n'))).toEqual([['a', 'b'], ['1', 'x"y'], ['2', '3']]);
    expect(readAll('a,b\n1,"open\n').at(-1)!.error).toBe('a quoted field is never closed (missing closing ")');
  });

  it('returns nothing for an empty or blank text', () => {
    expect(readAll('')).toEqual([]);
    expect(readAll('\n \n')).toEqual([]);
  });

  it('gives the same rows however the text is cut into chunks', () => {
    const cell = fc.oneof(fc.constantFrom('', 'x', '1.5', 'a b', 'é'), fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`));
    const csv = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }).map((rows) => 'p,q,r\n' + rows.map((r) => r.join(',')).join('\n') + '\n');
    fc.assert(
      fc.property(csv, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (text0, cuts, newline) => {
        const text = text0.replaceAll('\n', newline);
        expect(readAll(text, cuts.map((c) => c % (text.length + 1)))).toEqual(readAll(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkHeader', () => {
  const doc = { fields: ['x', 'island', 'sex'] } as TableModelDoc;

  it('accepts extra columns, any order and spaces around names', () => {
    expect(() => checkHeader(doc, ['sex ', 'species', ' island', 'x', 'id'], 'n.csv')).not.toThrow();
  });

  it('names every missing column and lists what the file has', () => {
    expect(() => checkHeader(doc, ['island', 'id'], 'n.csv')).toThrow("n.csv: is missing the columns 'x', 'sex' that the model needs; it has island, id");
    expect(() => checkHeader(doc, ['island', 'x'], 'n.csv')).toThrow("n.csv: is missing the column 'sex' that the model needs; it has island, x");
  });
});

describe('predictionColumns', () => {
  it('appends prediction, p_<class> and error, renaming any that the input already has', () => {
    expect(predictionColumns(['a', 'b'], ['x'])).toEqual(['prediction', 'p_a', 'p_b', 'error']);
    expect(predictionColumns(null, ['prediction', 'error', 'error_2'])).toEqual(['prediction_2', 'error_3']);
  });
});
