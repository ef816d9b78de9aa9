import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTableBuilder } from '../../../src/core/collect/csv-builder.ts';
import { guessDelimiter, guessNewline } from '../../../src/core/collect/csv-sniff.ts';
import { chunked, cut, oneShot } from './csv-helpers.ts';

// Cells that stress typing and quoting: numbers in odd spellings, missing tokens, inf, text with
// delimiters, quotes and line breaks, non-ASCII.
const cell = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.constantFrom('', ' ', 'NA', 'n/a', '?', 'NaN', 'null', 'inf', '-Infinity', '1.50', '007', '+3', '.5', '1e3', '-0'),
  fc.constantFrom('setosa', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\nline', 'é ü 字', ' padded ', 'x;y', 'tab\there'),
);

/** A CSV document: header plus rows of equal width, quoted where needed (and sometimes anyway). */
const csvText = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 0, max: 8 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
    blankEvery: fc.integer({ min: 0, max: 4 }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      header: fc.array(fc.constantFrom('a', 'b', 'a', ' c ', '', 'label'), { minLength: shape.width, maxLength: shape.width }),
      cells: fc.array(fc.array(cell, { minLength: shape.width, maxLength: shape.width }), { minLength: shape.rows, maxLength: shape.rows }),
      quoteAll: fc.boolean(),
    }),
  )
  .map(({ shape, header, cells, quoteAll }) => {
    const quote = (s: string) =>
      quoteAll || /[",;\t\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
    const lines = [header, ...cells].map((r) => r.map(quote).join(shape.delimiter));
    const withBlanks = lines.flatMap((l, i) => (shape.blankEvery && i % shape.blankEvery === 1 ? ['', l] : [l]));
    return (shape.bom ? '\uFEFF' : '') + withBlanks.join(shape.newline) + (shape.trailingNewline ? shape.newline : '');
  });

/** Arbitrary junk from CSV-significant characters: errors must not depend on chunking either. */
const junk = fc
  .array(fc.constantFrom('a', '1', '2.5', ',', ';', '"', '\n', '\r', ' ', '\t', 'é', 'inf', 'NA', '\0', '\uFEFF'), { maxLength: 60 })
  .map((parts) => parts.join(''));

const cuts = (text: string) => fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 });

describe('CsvTableBuilder chunking', () => {
  it('gives the same Table (or error) for any chunking of a well-formed CSV', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText.chain((text) => fc.tuple(fc.constant(text), cuts(text))),
        async ([text, at]) => {
          expect(await chunked(cut(text, at))).toEqual(await oneShot(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same result for any chunking of junk', async () => {
    await fc.assert(
      fc.asyncProperty(
        junk.chain((text) => fc.tuple(fc.constant(text), cuts(text))),
        async ([text, at]) => {
          expect(await chunked(cut(text, at))).toEqual(await oneShot(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('one character at a time matches one-shot, past the 64 KiB format sample', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `${i};"note ${i % 7}\nmore";${i % 3 ? 'x' : 'y'}`);
    const text = 'id;note;kind\r\n' + rows.join('\r\n') + '\r\n';
    expect(text.length).toBeGreaterThan(64 * 1024);
    const pieces = Array.from(text);
    const [a, b] = [await chunked(pieces), await oneShot(text)];
    expect(a).toEqual(b);
    expect('table' in b && (b.table as { rowCount: number }).rowCount).toBe(4000);
    // A ragged row far past the sample, after multi-line fields, still gets its physical line.
    const bad = text + '1;2\r\n';
    expect(await chunked(cut(bad, [70_000, 70_001, 100_000]))).toEqual({ error: 't.csv line 8002: has 2 fields but the header has 3' });
  });

  it('reports a NUL past the format sample with its line, after earlier rows', async () => {
    const body = 'a,b\n' + '1,2\n'.repeat(20_000);
    expect(await oneShot(body + '3,\u00004\n')).toEqual({
      error: 't.csv line 20002: contains a NUL character, so it looks like binary data rather than text; is it really a CSV file?',
    });
    expect(await oneShot(body + '1,2,3\n\0')).toEqual({ error: 't.csv line 20002: has 3 fields but the header has 2' });
  });

  it('sizes columns from the size hint so they are allocated about once', () => {
    const text = 'x,y\n' + Array.from({ length: 50_000 }, (_, i) => `${i},${i % 5}`).join('\n') + '\n';
    const b = new CsvTableBuilder('h.csv', { sizeHint: text.length });
    for (let i = 0; i < text.length; i += 100_000) b.push(text.slice(i, i + 100_000));
    const t = b.finish();
    expect(t.rowCount).toBe(50_000);
    expect(t.columns[0].type === 'numeric' && t.columns[0].values.length).toBe(50_000);
  });
});

describe('CsvTableBuilder quote-free rows', () => {
  // Rows without a quote anywhere are read in place (CsvTableBuilder's #plainRow); one quoted
  // header name sends the same document through Papa's parser, which must read it identically.
  const plainCell = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.double({ min: -1e4, max: 1e4, noNaN: true }).chain((x) => fc.integer({ min: 0, max: 4 }).map((d) => x.toFixed(d))),
    fc.constantFrom('', ' ', 'NA', '?', 'inf', '1.50', '007', '+3', '.5', '1e3', '-0', '-0.0', ' 12', '3 ', 'red', 'blue', ' red', 'é', '字'),
  );
  const plainText = fc
    .record({
      width: fc.integer({ min: 1, max: 4 }),
      delimiter: fc.constantFrom(',', ';', '\t'),
      newline: fc.constantFrom('\n', '\r\n'),
      trailingNewline: fc.boolean(),
    })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        // The first name is never blank: a quoted empty name ('"";') throws off delimiter guessing.
        header: fc.tuple(
          fc.constantFrom('a', ' c ', 'label'),
          fc.array(fc.constantFrom('a', 'b', ' c ', '', 'label'), { minLength: shape.width - 1, maxLength: shape.width - 1 }),
        ).map(([first, others]) => [first, ...others]),
        // Mostly full rows; now and then a short or long one (ragged) or a blank one.
        rows: fc.array(
          fc.oneof(
            { weight: 12, arbitrary: fc.array(plainCell, { minLength: shape.width, maxLength: shape.width }) },
            { weight: 1, arbitrary: fc.array(plainCell, { minLength: 0, maxLength: shape.width + 1 }) },
            { weight: 1, arbitrary: fc.constantFrom([], [' '], Array<string>(shape.width).fill('')) },
          ),
          { maxLength: 12 },
        ),
      }),
    )
    .map(({ shape, header, rows }) => {
      const lines = [header, ...rows].map((r) => r.join(shape.delimiter));
      return { header, rest: lines.slice(1), ...shape };
    });

  it('reads them exactly as Papa reads the same document', async () => {
    await fc.assert(
      fc.asyncProperty(plainText, async ({ header, rest, delimiter, newline, trailingNewline }) => {
        const document = (first: string) => [[first, ...header.slice(1)].join(delimiter), ...rest].join(newline) + (trailingNewline ? newline : '');
        const [plain, quoted] = [document(header[0]), document(`"${header[0]}"`)];
        // Ragged rows can throw the delimiter guess off, and then the quoted name is no longer a whole field.
        fc.pre(guessDelimiter(plain) === delimiter && guessDelimiter(quoted) === delimiter && guessNewline(plain) === guessNewline(quoted));
        expect(await oneShot(plain)).toEqual(await oneShot(quoted));
      }),
      { numRuns: 1000 },
    );
  });

  it('types a large quote-free file the same in place and through Papa', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${(i * 0.37).toFixed(2)},${['red', 'green', 'NA', ' blue'][i % 4]},${i % 97 === 0 ? '' : i % 5}`);
    const body = rows.join('\n') + '\n';
    const inPlace = await oneShot('id,x,color,n\n' + body);
    expect(inPlace).toEqual(await oneShot('"id",x,color,n\n' + body));
    const table = (inPlace as { table: { columns: { type: string; categories?: string[] }[] } }).table;
    expect(table.columns.map((c) => c.type)).toEqual(['numeric', 'numeric', 'categorical', 'numeric']);
    expect(table.columns[2].categories).toEqual(['red', 'green', 'blue']);
  });
});

describe('CsvTableBuilder limits', () => {
  it('refuses a row longer than 16 MB, streamed or not, without re-parsing it per chunk', async () => {
    const text = 'a,b\n1,2\n' + 'x'.repeat(17 * 1024 * 1024) + ',3\n';
    const error = { error: 't.csv line 3: a row runs past 16 MB without ending; is this really a CSV file?' };
    expect(await oneShot(text)).toEqual(error);
    const started = performance.now();
    expect(await chunked(cut(text, Array.from({ length: 300 }, (_, i) => i * 65536)))).toEqual(error);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('names an unclosed quote that swallows the rest of a big file', async () => {
    const text = 'a,b\n1,2\n"3,4\n' + '5,6\n'.repeat(5_000_000);
    const pieces = cut(text, Array.from({ length: 100 }, (_, i) => i * 256 * 1024));
    expect(await chunked(pieces)).toEqual({ error: 't.csv line 3: a quoted field is never closed (missing closing ")' });
    expect(await oneShot(text)).toEqual({ error: 't.csv line 3: a quoted field is never closed (missing closing ")' });
  });
});
