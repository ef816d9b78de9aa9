import { describe, expect, it } from 'vitest';
import { parseCsv, tableFromRecords } from '../../../src/core/collect/csv.ts';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../../src/core/collect/table.ts';

const num = (t: Table, name: string) => t.columns.find((c) => c.name === name) as NumericColumn;
const cat = (t: Table, name: string) => t.columns.find((c) => c.name === name) as CategoricalColumn;
const texts = (c: Column) =>
  c.type === 'categorical' ? Array.from(c.codes, (k) => (k < 0 ? null : c.categories[k])) : Array.from(c.values);

/** Runs `fn` and returns the thrown error's message. */
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect((e as Error).name).toBe('KilnError');
    return (e as Error).message;
  }
  throw new Error('expected a KilnError');
}

describe('parseCsv', () => {
  it('types numeric and categorical columns and marks missing values', () => {
    const t = parseCsv('x,species,z\n1.5,setosa,1\nNA, virginica ,2\n3,,3\n-2e1,setosa,?\n', 'iris.csv');
    expect(t.rowCount).toBe(4);
    expect(t.source).toBe('iris.csv');
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['x', 'numeric'],
      ['species', 'categorical'],
      ['z', 'numeric'],
    ]);
    expect(Array.from(num(t, 'x').values)).toEqual([1.5, NaN, 3, -20]);
    expect(num(t, 'x').values).toBeInstanceOf(Float64Array);
    expect(cat(t, 'species').categories).toEqual(['setosa', 'virginica']);
    expect(Array.from(cat(t, 'species').codes)).toEqual([0, 1, -1, 0]);
    expect(Array.from(num(t, 'z').values)).toEqual([1, 2, 3, NaN]);
    expect(t.warnings).toEqual([]);
  });

  it('strips a UTF-8 BOM from the first header name', () => {
    const t = parseCsv('\uFEFFid,v\n1,2\n', 'bom.csv');
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'v']);
  });

  it('detects semicolon and tab delimiters', () => {
    const semi = parseCsv('a;b\n1;x\n2;y\n', 's.csv');
    expect(semi.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(texts(semi.columns[1])).toEqual(['x', 'y']);
    const tab = parseCsv('a\tb\n1\t2\n', 't.tsv');
    expect(Array.from(num(tab, 'b').values)).toEqual([2]);
  });

  it('keeps commas and newlines inside quoted fields and counts lines across them', () => {
    const text = 'name,note,n\n"Smith, J","line one\nline two",1\n"O""Brien",plain,2\n';
    const t = parseCsv(text, 'q.csv');
    expect(texts(cat(t, 'name'))).toEqual(['Smith, J', 'O"Brien']);
    expect(texts(cat(t, 'note'))).toEqual(['line one\nline two', 'plain']);
    // The bad row is physically on line 5 because the quoted field spans lines 2-3.
    expect(message(() => parseCsv(text + 'x,y\n', 'q.csv'))).toBe('q.csv line 5: has 2 fields but the header has 3');
  });

  it('handles CRLF line endings and skips blank lines', () => {
    const t = parseCsv('a,b\r\n1,2\r\n\r\n   \r\n3,4\r\n', 'crlf.csv');
    expect(t.rowCount).toBe(2);
    expect(Array.from(num(t, 'b').values)).toEqual([2, 4]);
  });

  it('names blank headers column_<n> and renames duplicates with warnings', () => {
    const t = parseCsv(' a ,,a,b,a\n1,2,3,4,5\n', 'dup.csv');
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_2', 'b', 'a_3']);
    expect(t.warnings).toEqual(["Duplicate column name 'a' renamed to 'a_2'", "Duplicate column name 'a' renamed to 'a_3'"]);
  });

  it('does not rename a duplicate onto an existing column name', () => {
    const t = parseCsv('a,a,a_2\n1,2,3\n', 'dup.csv');
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'a_3', 'a_2']);
    expect(t.warnings).toEqual(["Duplicate column name 'a' renamed to 'a_3'"]);
  });

  it('reports a ragged row with its line number', () => {
    const text = 'a,b,c,d,e\n1,2,3,4,5\n1,2,3,4,5\n\n1,2,3,4,5\n1,2,3,4,5\n1,2,3\n';
    expect(message(() => parseCsv(text, 'r.csv'))).toBe('r.csv line 7: has 3 fields but the header has 5');
    expect(message(() => parseCsv('a,b\n1,2,3\n', 'r.csv'))).toBe('r.csv line 2: has 3 fields but the header has 2');
    expect(message(() => parseCsv('a,b\n1\n', 'r.csv'))).toBe('r.csv line 2: has 1 field but the header has 2');
  });

  it('reports an infinite value in a numeric column with line and column', () => {
    const e = (() => {
      try {
        parseCsv('x,y\n1,a\n2,b\ninf,c\n-Infinity,d\n', 'n.csv');
      } catch (err) {
        return err as { message: string; where: object };
      }
    })();
    expect(e?.message).toBe("n.csv line 4, column 'x': 'inf' is not a finite number; replace it or leave the cell empty");
    expect(e?.where).toEqual({ file: 'n.csv', line: 4, column: 'x' });
  });

  it('treats inf as a category in a text column', () => {
    const t = parseCsv('x\nfoo\ninf\n', 'c.csv');
    expect(cat(t, 'x').categories).toEqual(['foo', 'inf']);
  });

  it('rejects empty, header-only and binary input', () => {
    expect(message(() => parseCsv('', 'e.csv'))).toBe('e.csv: the file is empty');
    expect(message(() => parseCsv('\uFEFF \n\n', 'e.csv'))).toBe('e.csv: the file is empty');
    expect(message(() => parseCsv('a,b,c\n', 'h.csv'))).toBe('h.csv: has a header row but no data rows');
    expect(message(() => parseCsv('a,b\n\n\n', 'h.csv'))).toBe('h.csv: has a header row but no data rows');
    expect(message(() => parseCsv('PK\u0003\u0004\u0000\u0000abc', 'x.zip'))).toBe(
      'x.zip: does not look like a text CSV file (binary data?)',
    );
    const noise = Array.from({ length: 200 }, (_, i) => String.fromCharCode(i % 2 ? 0xfffd : 1 + (i % 8))).join('');
    expect(message(() => parseCsv(noise, 'n.bin'))).toBe('n.bin: does not look like a text CSV file (binary data?)');
  });

  it('reports an unterminated quote with its line', () => {
    expect(message(() => parseCsv('a,b\n1,2\n"oops,3\n', 'u.csv'))).toBe(
      'u.csv line 3: a quoted field is never closed (missing closing ")',
    );
  });

  it('drops an all-missing column with a warning', () => {
    const t = parseCsv('a,b\n1,\n2,NA\n', 'm.csv');
    expect(t.columns.map((c) => c.name)).toEqual(['a']);
    expect(t.warnings).toEqual(["Column 'b' is empty (every value is missing), so it was dropped"]);
    expect(message(() => parseCsv('a,b\nNA,\n?,null\n', 'm.csv'))).toBe('m.csv: every column is empty (all values are missing)');
  });
});

describe('file lines', () => {
  it('are kept only when rows and lines part ways: blank lines, multi-line quoted cells, CRLF', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n', 'l.csv').lines).toBeUndefined();
    expect(Array.from(parseCsv('a,b\r\n1,2\r\n\r\n3,"x\r\ny"\r\n5,6\r\n', 'l.csv').lines!)).toEqual([2, 4, 6]);
    // Past the first 1,024 rows, where the line table grows.
    const long = parseCsv('a\n\n' + Array.from({ length: 3000 }, (_, i) => String(i)).join('\n') + '\n', 'l.csv');
    expect(long.lines!.length).toBe(3000);
    expect([long.lines![0], long.lines![2999]]).toEqual([3, 3002]);
  });
});

describe('tableFromRecords', () => {
  it('builds typed columns from records', () => {
    const t = tableFromRecords([{ a: '1', b: 'x' }, { a: ' 2 ', b: '' }], 'form');
    expect(Array.from(num(t, 'a').values)).toEqual([1, 2]);
    expect(texts(cat(t, 'b'))).toEqual(['x', null]);
    expect(t.rowCount).toBe(2);
  });
  it('reports inf as if the records were a CSV with a header', () => {
    expect(() => tableFromRecords([{ a: '1' }, { a: 'inf' }], 'form')).toThrow("form line 3, column 'a': 'inf' is not");
  });
});
