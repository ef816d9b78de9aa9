/**
 * How numeric cells were written when String(value) would not give the text back ('62.30',
 * '5.', '007', '+3', 'inf'), so a column that later turns out to be text keeps its categories
 * exactly as written. The usual case, fixed decimals ('62.30', '62.00'), costs one byte per cell:
 * the text is String(value) plus zeros (after a '.' when String(value) has none). Others keep the text.
 *
 * const s = new Spellings(); s.add(4, '62.30', '62.3'); s.textAt(0, (r) => '62.3') // → '62.30'
 */
export class Spellings {
  #rows = new Int32Array(64);
  #codes = new Uint8Array(64); // < 255: that many zeros (+128: after a '.'); 255: see #texts
  #count = 0;
  #texts = new Map<number, string>();

  /** Number of rows recorded. */
  get size(): number {
    return this.#count;
  }

  /** Records that row `row` (added in increasing order) reads `text`, where String(value) is `canonical`. */
  add(row: number, text: string, canonical: string): void {
    const code = zerosCode(text, canonical);
    this.addZeros(row, code);
    // A copy of the text (13+ character substrings are views that pin the parsed chunk).
    if (code === 255) this.#texts.set(row, text.length < 13 ? text : (' ' + text).slice(1));
  }

  /**
   * Records that row `row` reads String(value) plus zeros, by its one-byte code (< 255: that many
   * zeros, +128 when a '.' comes first), as parseDecimalInto returns it.
   *
   * s.addZeros(7, 129) // row 7 reads e.g. '170.0' for the value 170
   */
  addZeros(row: number, code: number): void {
    if (this.#count === this.#rows.length) {
      const rows = new Int32Array(this.#count * 2);
      rows.set(this.#rows);
      this.#rows = rows;
      const codes = new Uint8Array(this.#count * 2);
      codes.set(this.#codes);
      this.#codes = codes;
    }
    const k = this.#count++;
    this.#rows[k] = row;
    this.#codes[k] = code;
  }

  /** The row of the k-th record. */
  rowAt(k: number): number {
    return this.#rows[k];
  }

  /** The text of the k-th record; `canonical(row)` is String(value) for that row. */
  textAt(k: number, canonical: (row: number) => string): string {
    const row = this.#rows[k];
    const code = this.#codes[k];
    if (code === 255) return this.#texts.get(row)!;
    return canonical(row) + (code >= 128 ? '.' : '') + '0'.repeat(code & 127);
  }
}

/** The one-byte code for text = canonical + zeros (or + '.' + zeros), else 255. */
function zerosCode(text: string, canonical: string): number {
  if (canonical === '' || !text.startsWith(canonical) || /[e]/.test(canonical)) return 255;
  const dot = canonical.includes('.') ? 0 : 1;
  if (dot && text.charCodeAt(canonical.length) !== 46) return 255;
  const zeros = text.length - canonical.length - dot;
  if (zeros < 0 || zeros > 127) return 255;
  for (let i = canonical.length + dot; i < text.length; i++) if (text.charCodeAt(i) !== 48) return 255;
  return dot * 128 + zeros;
}
