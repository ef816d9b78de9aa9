import Papa from 'papaparse';
import { KilnError } from '../errors.ts';
import type { ErrorLocation } from '../errors.ts';
import { findNonFinite, inferColumnType, isMissingToken, parseNumber } from './infer.ts';
import type { Column, Table } from './table.ts';

/**
 * Parses CSV/TSV/semicolon text into a typed, columnar Table; the first row is the header.
 * Throws KilnError (with file, line and column where known) for input the user must fix.
 */
export function parseCsv(text: string, source: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new KilnError('the file is empty', { file: source });
  if (looksBinary(body)) {
    throw new KilnError('does not look like a text CSV file (binary data?)', { file: source });
  }

  const rows: string[][] = [];
  const lines: number[] = []; // 1-based file line where each kept row starts
  let line = 1;
  let counted = 0; // offset up to which line breaks have been counted
  let rowStart = 0;
  // Step mode reports the cursor after each row, which is how quoted multi-line fields still get
  // exact line numbers. Blank rows are skipped here rather than by Papa so the cursor stays exact.
  Papa.parse<string[]>(body, {
    delimiter: guessDelimiter(body),
    skipEmptyLines: false,
    step: (result) => {
      line += countBreaks(body, counted, rowStart);
      counted = rowStart;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        const at = quoteError.index ?? rowStart;
        const detail =
          quoteError.code === 'MissingQuotes'
            ? 'a quoted field is never closed (missing closing ")'
            : 'malformed quotes (a quote inside a quoted field must be doubled: "")';
        throw new KilnError(detail, { file: source, line: line + countBreaks(body, rowStart, at) });
      }
      const row = result.data;
      if (!row.every((f) => f.trim() === '')) {
        rows.push(row);
        lines.push(line);
      }
      rowStart = result.meta.cursor;
    },
  });

  const header = rows[0];
  if (rows.length < 2) throw new KilnError('has a header row but no data rows', { file: source });
  for (let r = 1; r < rows.length; r++) {
    if (rows[r].length !== header.length) {
      const n = rows[r].length;
      throw new KilnError(`has ${n} field${n === 1 ? '' : 's'} but the header has ${header.length}`, {
        file: source,
        line: lines[r],
      });
    }
  }

  const warnings: string[] = [];
  const names = uniqueNames(header, warnings);
  const data = rows.slice(1);
  const cells = names.map((_, c) => data.map((row) => row[c].trim()));
  const columns = names.map((name, c) =>
    buildColumn(name, cells[c], (r) => ({ file: source, line: lines[r + 1], column: name })),
  );
  return { source, rowCount: rows.length - 1, columns, warnings };
}

/** Builds a Table from objects keyed by column name (e.g. rows typed into a form); keys of the first record are the columns. */
export function tableFromRecords(records: Record<string, string>[], source: string): Table {
  if (records.length === 0) throw new KilnError('has no rows', { file: source });
  const names = Object.keys(records[0]);
  const columns = names.map((name) =>
    buildColumn(
      name,
      records.map((rec) => (rec[name] ?? '').trim()),
      (r) => ({ file: source, line: r + 2, column: name }), // as if written out with a header
    ),
  );
  return { source, rowCount: records.length, columns, warnings: [] };
}

/** Types one column from its trimmed cell texts; `where(r)` gives the location of data row r. */
function buildColumn(name: string, values: string[], where: (r: number) => ErrorLocation): Column {
  const bad = findNonFinite(values);
  if (bad >= 0) {
    throw new KilnError(`'${values[bad]}' is not a finite number; replace it or leave the cell empty`, where(bad));
  }
  if (inferColumnType(values) === 'numeric') {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = parseNumber(values[i]) ?? NaN;
    return { name, type: 'numeric', values: out };
  }
  const categories: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissingToken(v)) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = categories.length;
      categories.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { name, type: 'categorical', categories, codes };
}

/** Trims header names, names blank ones `column_<n>` and renames duplicates `x_2`, `x_3`, ... */
function uniqueNames(header: string[], warnings: string[]): string[] {
  const taken = new Set<string>();
  const trimmed = header.map((h, i) => h.trim() || `column_${i + 1}`);
  return trimmed.map((name) => {
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
    let n = 2;
    while (taken.has(`${name}_${n}`) || trimmed.includes(`${name}_${n}`)) n++;
    const renamed = `${name}_${n}`;
    taken.add(renamed);
    warnings.push(`Duplicate column name '${name}' renamed to '${renamed}'`);
    return renamed;
  });
}

/** Comma, tab, pipe or semicolon, guessed by Papa from the first rows. */
function guessDelimiter(text: string): string {
  // Guessing needs greedy blank-line skipping (a trailing newline would otherwise look like a
  // one-field row and veto ';'), which the exact-line-number pass below cannot use.
  return Papa.parse<string[]>(text, { delimiter: '', skipEmptyLines: 'greedy', preview: 10 }).meta.delimiter;
}

/** Line breaks (\r\n, \r or \n) in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** NUL bytes anywhere, or more than 10% control/replacement characters near the start, mean binary data. */
function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  const sample = text.slice(0, 8192);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample.charCodeAt(i);
    if ((ch < 32 && ch !== 9 && ch !== 10 && ch !== 13) || ch === 0x7f || ch === 0xfffd) odd++;
  }
  return odd > sample.length * 0.1;
}
