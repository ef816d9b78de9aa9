import Papa from 'papaparse';
import { KilnError } from '../errors.ts';
import { ColumnBuilder } from './column-builder.ts';
import { countBreaks, sniffFormat, type CsvFormat } from './csv-sniff.ts';
import type { Column, Table } from './table.ts';

/** Options for a streaming parse. */
export interface CsvBuilderOptions {
  /** Expected length of the whole text (e.g. the file size), so columns are allocated about once. */
  sizeHint?: number;
}

/**
 * Rows longer than this are refused: no real table has one, and a file without line breaks (or
 * with a quote never closed) would otherwise be re-parsed from that row's start on every chunk.
 */
export const maxRowChars = 16 * 1024 * 1024;

/** The warning for a column dropped because every cell is missing. */
export function emptyColumnWarning(name: string): string {
  return `Column '${name}' is empty (every value is missing), so it was dropped`;
}

/**
 * Parses CSV/TSV text that arrives in chunks cut anywhere (even inside a quoted field or a CRLF)
 * into a typed Table, one row at a time, never holding more than the unparsed tail of the text.
 * The result, and every error, is the same whatever the chunking; `parseCsv` is this in one push.
 *
 * const b = new CsvTableBuilder('a.csv'); b.push('x,y\n1,'); b.push('a\n'); b.finish().rowCount // → 1
 */
export class CsvTableBuilder {
  readonly source: string;
  #sizeHint: number | undefined;
  #pending = ''; // text not parsed yet: all of it until the format is known, then a partial row
  #started = false;
  #seenText = false;
  #format: CsvFormat | null = null;
  #line = 1; // 1-based line where #pending starts
  #consumed = 0; // characters parsed so far
  #columns: ColumnBuilder[] | null = null; // null until the header row
  #rows = 0;
  #warnings: string[] = [];
  #bounds = new Int32Array(0); // field starts of the row being read (see #plainRow)
  #lines: Int32Array | null = null; // file line of each row, once one is not on line row + 2

  constructor(source: string, options: CsvBuilderOptions = {}) {
    this.source = source;
    this.#sizeHint = options.sizeHint;
  }

  /** Data rows parsed so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /** Adds the next piece of text; throws a KilnError as soon as a row is bad. */
  push(text: string): void {
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!this.#seenText && /\S/.test(text)) this.#seenText = true;
    this.#pending += text;
    if (!this.#format && !this.#sniff(false)) return;
    // No line break, no new complete row: wait for one rather than re-parse the partial row.
    if (/[\r\n]/.test(text)) {
      this.#parse(false);
      this.#reserve();
    }
    if (this.#pending.length > maxRowChars) this.#refuseLongRow();
  }

  /** The partial row has grown past maxRowChars: say why, precisely when it is an unclosed quote. */
  #refuseLongRow(): never {
    this.#parseRows(this.#pending, true); // throws "never closed" for an open quote, with its line
    throw this.#tooLong(this.#line);
  }

  #tooLong(line: number): KilnError {
    return new KilnError(`a row runs past ${maxRowChars / 1024 / 1024} MB without ending; is this really a CSV file?`, {
      file: this.source,
      line,
    });
  }

  /**
   * Sizes the columns from the rows per character so far and the expected length, so that they
   * are allocated a few times at most and end with little slack (which fit() then keeps as a view
   * instead of copying every column at once).
   */
  #reserve(): void {
    const columns = this.#columns;
    if (!this.#sizeHint || !columns || columns.length === 0 || this.#consumed === 0) return;
    const capacity = columns[0].capacity;
    const perChar = (this.#rows + 1) / this.#consumed;
    // Only when the next chunk's rows might not fit: re-allocating is a copy.
    if (this.#rows + perChar * Math.max(this.#pending.length, 1 << 20) < capacity) return;
    const expected = Math.ceil(perChar * this.#sizeHint * 1.01);
    const rows = Math.max(expected, Math.ceil(capacity * 1.125));
    try {
      for (const column of columns) column.reserve(rows);
    } catch (e) {
      // A server's Content-Length can claim a terabyte: past what can be allocated, forget the
      // hint and grow as rows arrive, so the file fails only if its rows really do not fit.
      if (!(e instanceof RangeError)) throw e;
      this.#sizeHint = undefined;
    }
  }

  /** Parses what is left and returns the Table; all-missing columns are dropped with a warning. */
  finish(): Table {
    if (!this.#seenText) throw new KilnError('the file is empty', { file: this.source });
    if (!this.#format) this.#sniff(true);
    this.#parse(true);
    if (!this.#columns || this.#rows === 0) throw new KilnError('has a header row but no data rows', { file: this.source });
    const columns: Column[] = [];
    for (const builder of this.#columns) {
      const column = builder.finish();
      if (column.type === 'categorical' && column.categories.length === 0) this.#warnings.push(emptyColumnWarning(column.name));
      else columns.push(column);
    }
    if (columns.length === 0) throw new KilnError('every column is empty (all values are missing)', { file: this.source });
    const table: Table = { source: this.source, rowCount: this.#rows, columns, warnings: this.#warnings };
    if (this.#lines) table.lines = this.#lines.slice(0, this.#rows);
    return table;
  }

  /** Guesses delimiter and line ending once the first 64 KiB (or the whole text) is in; false if not yet. */
  #sniff(final: boolean): boolean {
    this.#format = sniffFormat(this.#pending, final, this.source);
    return this.#format !== null;
  }

  /** Parses the complete rows of #pending (all of it when final) and keeps the partial last row. */
  #parse(final: boolean): void {
    const text = this.#pending;
    // Rows before a NUL still count, so an earlier bad row is reported first however the text was chunked.
    const nul = text.indexOf('\0');
    const end = this.#parseRows(nul < 0 ? text : text.slice(0, nul), final && nul < 0);
    if (nul >= 0) {
      throw new KilnError('contains a NUL character, so it looks like binary data rather than text; is it really a CSV file?', {
        file: this.source,
        line: this.#line + countBreaks(text, end, nul),
      });
    }
    this.#pending = text.slice(end);
    this.#consumed += end;
  }

  /** Feeds the rows of `text` to #row; returns where the unparsed tail starts and advances #line to it. */
  #parseRows(text: string, final: boolean): number {
    // Without a quote character every line is one row and every delimiter splits a field, so
    // plain splitting gives exactly what Papa would, several times faster on large files.
    if (!text.includes('"')) return this.#parsePlainRows(text, final);
    let start = 0; // where the current row starts in `text`
    let line = this.#line;
    // Step mode reports the cursor after each row, which is how rows spanning lines (quoted
    // newlines) still get exact line numbers. Papa.Parser is the chunk parser Papa's own
    // streamers use: with ignoreLastRow it stops before a row that may continue in the next chunk.
    const parser = new Papa.Parser({
      ...this.#format!,
      step: (result: Papa.ParseStepResult<string[][]>) => {
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        if (quoteError) {
          const at = quoteError.index ?? start;
          const detail =
            quoteError.code === 'MissingQuotes'
              ? 'a quoted field is never closed (missing closing ")'
              : 'malformed quotes (a quote inside a quoted field must be doubled: "")';
          throw new KilnError(detail, { file: this.source, line: line + countBreaks(text, start, at) });
        }
        if (result.meta.cursor - start > maxRowChars) throw this.#tooLong(line);
        this.#row(result.data[0], line);
        line += countBreaks(text, start, result.meta.cursor);
        start = result.meta.cursor;
      },
    });
    parser.parse(text, 0, !final);
    this.#line = line;
    return start;
  }

  /** #parseRows for text without quotes: split on the newline, then on the delimiter. */
  #parsePlainRows(text: string, final: boolean): number {
    const { newline, delimiter } = this.#format!;
    let end = text.length;
    if (!final) {
      const last = text.lastIndexOf(newline);
      if (last < 0) return 0; // the row may continue in the next chunk
      end = last + newline.length;
    }
    const separator = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
    let line = this.#line;
    let start = 0;
    while (start < end) {
      let stop = text.indexOf(newline, start);
      if (stop < 0 || stop > end) stop = end;
      if (stop - start > maxRowChars) throw this.#tooLong(line);
      if (!this.#plainRow(text, start, stop, separator, line)) this.#row(text.slice(start, stop).split(delimiter), line);
      line++;
      start = stop + newline.length;
    }
    this.#line = line;
    return end;
  }

  /**
   * The common row, read in place: a data row that starts with a visible character and has as many
   * fields as the header. Its cells go to the columns as ranges of `text`, so no row array and no
   * cell strings are made for numbers and known categories. Returns false, having added nothing,
   * for anything else (the header, a possibly blank row, a ragged row), which #row then handles.
   */
  #plainRow(text: string, start: number, stop: number, separator: number, line: number): boolean {
    const columns = this.#columns;
    const first = text.charCodeAt(start);
    if (!columns || separator < 0 || first <= 32 || first === separator) return false;
    const width = columns.length;
    if (this.#bounds.length <= width) this.#bounds = new Int32Array(width + 1);
    const bounds = this.#bounds; // bounds[c] is where field c starts; bounds[width] is one past the row
    bounds[0] = start;
    let fields = 1;
    for (let i = start; i < stop; i++) {
      if (text.charCodeAt(i) === separator) {
        if (fields === width) return false;
        bounds[fields++] = i + 1;
      }
    }
    if (fields !== width) return false;
    bounds[width] = stop + 1;
    for (let c = 0; c < width; c++) columns[c].addRange(text, bounds[c], bounds[c + 1] - 1, line);
    this.#noteLine(line);
    return true;
  }

  #row(fields: string[], line: number): void {
    if (isBlank(fields)) return;
    if (!this.#columns) {
      this.#columns = uniqueNames(fields, this.#warnings).map((name) => new ColumnBuilder(name, this.source));
      return;
    }
    const columns = this.#columns;
    const width = columns.length;
    if (fields.length !== width) {
      const n = fields.length;
      throw new KilnError(`has ${n} field${n === 1 ? '' : 's'} but the header has ${width}`, { file: this.source, line });
    }
    for (let c = 0; c < width; c++) columns[c].add(fields[c], line);
    this.#noteLine(line);
  }

  /** Counts the row just added, remembering its line once lines and rows part ways. */
  #noteLine(line: number): void {
    const row = this.#rows++;
    let lines = this.#lines;
    if (!lines) {
      if (line === row + 2) return;
      lines = this.#lines = Int32Array.from({ length: Math.max(1024, row * 2) }, (_, i) => i + 2);
    } else if (row === lines.length) {
      const grown = new Int32Array(Math.ceil(lines.length * 1.5));
      grown.set(lines);
      lines = this.#lines = grown;
    }
    lines[row] = line;
  }
}

/** True for a row whose every field is empty or whitespace (a blank line); cheap for ordinary rows. */
function isBlank(fields: string[]): boolean {
  for (const f of fields) {
    const c = f.charCodeAt(0);
    if ((c > 32 && c < 127) || (f.length > 0 && f.trim() !== '')) return false;
  }
  return true;
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
