import { KilnError } from '../errors.ts';
import { CategoryIndex } from './category-index.ts';
import { canonicalNumber, notNumber, parseDecimalInto, scanNumber } from './csv-number.ts';
import { Spellings } from './csv-spellings.ts';
import { isMissingToken, isNonFiniteToken } from './infer.ts';
import type { Column } from './table.ts';

/**
 * Types one column a cell at a time, for streaming parsers. It starts numeric (a growing
 * Float64Array) and turns into a dictionary-encoded categorical column at the first cell that is
 * text, keeping the exact text of the cells before it. The rules are those of inferColumnType
 * and findNonFinite: `inf` in an otherwise numeric column is an error; in a text column it is a
 * category.
 *
 * const b = new ColumnBuilder('x', 'a.csv'); b.add('1.5', 2); b.add('NA', 3); b.finish()
 * // → { name: 'x', type: 'numeric', values: Float64Array [1.5, NaN] }
 */
export class ColumnBuilder {
  readonly name: string;
  readonly #file: string;
  #length = 0;
  #capacity = 1024;
  #values: Float64Array | null = new Float64Array(this.#capacity);
  #numbers = 0;
  // While numeric: how cells were written when String(value) would not give the text back.
  #spellings = new Spellings();
  #nonFinite: { text: string; line: number } | null = null;
  #codes: Int32Array | null = null;
  #index = new CategoryIndex();

  constructor(name: string, file: string) {
    this.name = name;
    this.#file = file;
  }

  /** Rows added so far. */
  get length(): number {
    return this.#length;
  }

  /** Makes room for `rows` rows in one allocation (a streaming parser's estimate from the file size). */
  reserve(rows: number): void {
    if (rows > this.#capacity) this.#resize(rows);
  }

  /** Rows that fit before the next reallocation. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Appends one cell; `line` is its 1-based line in the source file, for error messages. */
  add(raw: string, line: number): void {
    this.addRange(raw, 0, raw.length, line);
  }

  /**
   * Appends the cell text[start, end) (e.g. a field inside a row of a chunk). The common cells, a
   * plain decimal in a numeric column or a known category in a text column, are read in place;
   * anything else is cut out and takes the general path.
   */
  addRange(text: string, start: number, end: number, line: number): void {
    if (this.#length === this.#capacity) this.#resize(Math.ceil(this.#capacity * 1.5));
    if (this.#codes) {
      // Categories are stored trimmed, so an exact hit is a trimmed, known, non-missing cell.
      const code = this.#index.get(text, start, end);
      if (code >= 0) {
        this.#codes[this.#length++] = code;
        return;
      }
    } else {
      const zeros = parseDecimalInto(text, start, end, this.#values!, this.#length);
      if (zeros >= 0) {
        if (zeros > 0) this.#spellings.addZeros(this.#length, zeros);
        this.#length++;
        this.#numbers++;
        return;
      }
    }
    this.#addText(start === 0 && end === text.length ? text : text.slice(start, end), line);
  }

  /** The general path, after addRange's in-place reading found nothing (so an untrimmed cell is no known category). */
  #addText(raw: string, line: number): void {
    const first = raw.charCodeAt(0);
    const last = raw.charCodeAt(raw.length - 1);
    // Most cells have nothing to trim; checking the ends is cheaper than calling trim() (ASCII only,
    // since trim() also removes Unicode spaces).
    const text = first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
    if (this.#codes) {
      // Missing tokens never enter the dictionary; a cell that needed no trimming was looked up already.
      const known = text === raw ? -1 : this.#index.get(text);
      this.#codes[this.#length++] = known >= 0 ? known : isMissingToken(text) ? -1 : this.#index.add(detach(text));
      return;
    }
    const values = this.#values!;
    const row = this.#length++;
    const kind = scanNumber(text);
    if (kind !== notNumber) {
      const n = +text;
      if (Number.isFinite(n)) {
        values[row] = n;
        this.#numbers++;
        if (kind !== canonicalNumber) {
          const canonical = String(n);
          if (canonical !== text) this.#spellings.add(row, text, canonical);
        }
        return;
      }
    } else if (isMissingToken(text)) {
      values[row] = NaN;
      return;
    }
    if (isNonFiniteToken(text)) {
      values[row] = NaN;
      this.#nonFinite ??= { text: detach(text), line };
      this.#spellings.add(row, text, '');
      return;
    }
    this.#toCategorical(row);
    this.#codes![row] = this.#code(text);
  }

  /** The finished column, trimmed to its length; throws a KilnError for `inf` in a numeric column. */
  finish(): Column {
    if (!this.#codes && this.#numbers > 0) {
      if (this.#nonFinite) {
        const { text, line } = this.#nonFinite;
        throw new KilnError(`'${text}' is not a finite number; replace it or leave the cell empty`, {
          file: this.#file,
          line,
          column: this.name,
        });
      }
      return { name: this.name, type: 'numeric', values: fit(this.#values!, this.#length) };
    }
    // A column with no numbers at all (only missing cells or only 'inf') is categorical.
    if (!this.#codes) this.#toCategorical(this.#length);
    return { name: this.name, type: 'categorical', categories: this.#index.values, codes: fit(this.#codes!, this.#length) };
  }

  #code(text: string): number {
    const code = this.#index.get(text);
    return code >= 0 ? code : this.#index.add(detach(text));
  }

  /** Re-encodes rows [0, upTo) as categories, in order, so categories keep first-appearance order. */
  #toCategorical(upTo: number): void {
    const values = this.#values!;
    const codes = new Int32Array(values.length);
    this.#codes = codes;
    const spellings = this.#spellings;
    const canonical = (r: number) => String(values[r]);
    let k = 0;
    for (let r = 0; r < upTo; r++) {
      if (k < spellings.size && spellings.rowAt(k) === r) codes[r] = this.#code(spellings.textAt(k++, canonical));
      else codes[r] = Number.isNaN(values[r]) ? -1 : this.#code(canonical(r));
    }
    this.#values = null;
    this.#spellings = new Spellings();
  }

  #resize(capacity: number): void {
    // Allocate before recording the capacity: a failed allocation must leave the column as it was.
    if (this.#codes) this.#codes = grow(this.#codes, new Int32Array(capacity));
    else this.#values = grow(this.#values!, new Float64Array(capacity));
    this.#capacity = capacity;
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from.subarray(0, Math.min(from.length, to.length)));
  return to;
}

/**
 * The first `length` items of `array`. A little slack (the size estimate's margin) stays as a view,
 * because copying every column at the end would briefly double the table; more is copied away.
 */
function fit<T extends Float64Array | Int32Array>(array: T, length: number): T {
  if (array.length === length) return array;
  return (array.length - length <= length / 16 ? array.subarray(0, length) : array.slice(0, length)) as T;
}

/**
 * A copy of `text` that does not keep the string it was cut from alive: V8 represents substrings
 * of 13+ characters as views into their parent, which would pin whole parsed chunks in memory.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
