/**
 * Codes of a column's categories, looked up by a range of a larger string (a row of a CSV chunk)
 * without cutting the cell out first: a Map would need the cell as its own string, an allocation
 * per cell. Open addressing with linear probing over an Int32Array of code + 1 (0 = empty); a
 * candidate is confirmed by comparing characters, so hash collisions cost time, never answers.
 *
 * const index = new CategoryIndex(); index.add('red'); index.get('x,red,y', 2, 5) // → 0
 */
export class CategoryIndex {
  /** The categories in code order (first appearance). */
  readonly values: string[] = [];
  #slots = new Int32Array(16);
  #mask = 15;

  /** Number of categories. */
  get size(): number {
    return this.values.length;
  }

  /** The code of text[start, end), or -1 when it is not a category. */
  get(text: string, start = 0, end = text.length): number {
    const values = this.values;
    const slots = this.#slots;
    const mask = this.#mask;
    const length = end - start;
    for (let s = hashRange(text, start, end) & mask; ; s = (s + 1) & mask) {
      const code = slots[s] - 1;
      if (code < 0) return -1;
      const value = values[code];
      if (value.length === length && sameRange(value, text, start)) return code;
    }
  }

  /** Adds `value`, which must not be a category yet, and returns its code. */
  add(value: string): number {
    const code = this.values.length;
    this.values.push(value);
    if (this.values.length * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
    else this.#place(value, code);
    return code;
  }

  #place(value: string, code: number): void {
    const slots = this.#slots;
    const mask = this.#mask;
    let s = hashRange(value, 0, value.length) & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = code + 1;
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size);
    this.#mask = size - 1;
    this.values.forEach((value, code) => this.#place(value, code));
  }
}

/** FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so the low bits (the slot) mix well. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function sameRange(value: string, text: string, start: number): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
