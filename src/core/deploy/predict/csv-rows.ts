import Papa from 'papaparse';
import { maxRowChars } from '../../collect/csv-builder.ts';
import { sniffFormat, type CsvFormat } from '../../collect/csv-sniff.ts';
import { KilnError } from '../../errors.ts';

/** One parsed CSV row: its cells as written, and a reason when the row is malformed (bad quotes). */
export interface CsvRow {
  cells: string[];
  error: string | null;
}

/**
 * Splits CSV/TSV text that arrives in chunks cut anywhere (inside a quoted field, a CRLF) into
 * rows of raw cell text, holding only the unparsed tail. Unlike CsvTableBuilder, which types
 * whole columns for training, this keeps each row's cells as written, since prediction output
 * carries them through unchanged. The delimiter and line ending are guessed as training does;
 * blank lines are skipped. The header is the first row returned.
 *
 * const r = new CsvRowReader('a.csv'); r.push('x,y\n1,"a'); r.push('b"\n'); r.finish()
 * // → first push [{ cells: ['x', 'y'], … }], second [{ cells: ['1', 'ab'], error: null }], finish []
 */
export class CsvRowReader {
  readonly source: string;
  #pending = '';
  #started = false;
  #format: CsvFormat | null = null;

  constructor(source: string) {
    this.source = source;
  }

  /** The rows completed by `text`. */
  push(text: string): CsvRow[] {
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#pending += text;
    if (!this.#format && !this.#sniff(false)) return [];
    if (!/[\r\n]/.test(text)) {
      if (this.#pending.length > maxRowChars) throw this.#tooLong();
      return [];
    }
    return this.#parse(false);
  }

  /** The last rows, once the text has ended. */
  finish(): CsvRow[] {
    if (!this.#format && !this.#sniff(true)) return [];
    return this.#parse(true);
  }

  #sniff(final: boolean): boolean {
    this.#format = sniffFormat(this.#pending, final, this.source);
    return this.#format !== null;
  }

  #parse(final: boolean): CsvRow[] {
    // Papa's chunk parser, as its own streamers use it: ignoreLastRow leaves a row that may go on
    // in the next chunk unparsed, and meta.cursor says where it starts.
    const result = new Papa.Parser(this.#format!).parse(this.#pending, 0, !final);
    const data = result.data as string[][];
    const bad = new Map<number, string>();
    for (const e of result.errors) {
      if (e.type === 'Quotes' && e.row !== undefined && e.row < data.length && !bad.has(e.row)) {
        bad.set(e.row, e.code === 'MissingQuotes' ? 'a quoted field is never closed (missing closing ")' : 'malformed quotes (a quote inside a quoted field must be doubled: "")');
      }
    }
    this.#pending = final ? '' : this.#pending.slice(result.meta.cursor);
    if (this.#pending.length > maxRowChars) throw this.#tooLong();
    const rows: CsvRow[] = [];
    data.forEach((cells, i) => {
      if (!isBlank(cells)) rows.push({ cells, error: bad.get(i) ?? null });
    });
    return rows;
  }

  #tooLong(): KilnError {
    return new KilnError(`a row runs past ${maxRowChars / 1024 / 1024} MB without ending; is this really a CSV file?`, { file: this.source });
  }
}

/** True for a row whose every cell is empty or whitespace (a blank line). */
function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.length === 0 || c.trim() === '');
}
