import { KilnError } from '../errors.ts';
import { looksBinary } from './csv-sniff.ts';

/**
 * Turns a CSV file's bytes into text chunk by chunk. UTF-8 (with or without BOM) is the norm, and
 * UTF-16 with a BOM is decoded too. Anything else is refused rather than guessed: silently
 * decoding a Windows-1252 file would be right for Western text and wrong for every other code page,
 * and the user cannot see which happened, so we say where the first non-UTF-8 byte is and how to
 * re-save the file. Multi-byte characters split across chunks are handled (streaming decoder).
 *
 * const d = new CsvDecoder('a.csv'); d.decode(bytesOf('x,é')) + d.end() // → 'x,é'
 */
export class CsvDecoder {
  readonly source: string;
  #decoder: TextDecoder | null = null;
  #waiting: Uint8Array = new Uint8Array(0); // the first bytes, held until there are `headSize` of them
  #head: Uint8Array | null = null; // the first `headSize` bytes, to spot a BOM and tell binary data from mis-encoded text
  #lines = 1; // 1-based line the next byte is on
  #lastWasCR = false;

  constructor(source: string) {
    this.source = source;
  }

  /** Text for the next bytes (possibly ''); throws a KilnError at the first byte that is not UTF-8. */
  decode(bytes: Uint8Array): string {
    if (!this.#decoder) {
      // Every verdict on the file's head is made on the same bytes, however the file was chunked.
      const all = concat(this.#waiting, bytes);
      if (all.length < headSize) {
        this.#waiting = all;
        return '';
      }
      this.#startDecoding(all);
      bytes = all;
    }
    try {
      return this.#decoder!.decode(bytes, { stream: true });
    } catch {
      throw this.#notUtf8(bytes, invalidUtf8Offset(bytes));
    } finally {
      this.#countLines(bytes);
    }
  }

  /** Text still held back (a trailing partial character is an error). */
  end(): string {
    let text = '';
    if (!this.#decoder) {
      const all = this.#waiting;
      this.#startDecoding(all);
      text = this.decode(all);
    }
    try {
      return text + this.#decoder!.decode();
    } catch {
      throw this.#notUtf8(new Uint8Array(0), 0);
    }
  }

  #startDecoding(head: Uint8Array): void {
    this.#decoder = new TextDecoder(encodingOf(head), { fatal: true });
    this.#head = head.slice(0, headSize); // a copy: a view would keep the whole first chunk alive
    this.#waiting = new Uint8Array(0);
  }

  #notUtf8(bytes: Uint8Array, offset: number): KilnError {
    // Undecodable bytes show as U+FFFD: random data is mostly that, a Latin-1 file only here and there.
    const head = new TextDecoder('utf-8').decode(this.#head ?? bytes.subarray(0, headSize));
    if (looksBinary(head, 0.3)) return new KilnError('does not look like a text CSV file (binary data?)', { file: this.source });
    const line = this.#lines + countLineBytes(bytes, 0, offset, this.#lastWasCR);
    return new KilnError(
      'is not UTF-8 text (perhaps Windows-1252 or Latin-1); save it as UTF-8 (e.g. "CSV UTF-8" in Excel) and load it again',
      { file: this.source, line },
    );
  }

  #countLines(bytes: Uint8Array): void {
    this.#lines += countLineBytes(bytes, 0, bytes.length, this.#lastWasCR);
    if (bytes.length > 0) this.#lastWasCR = bytes[bytes.length - 1] === 13;
  }
}

const headSize = 8192;

/** 'utf-16le' / 'utf-16be' for a UTF-16 byte-order mark, else 'utf-8'. */
function encodingOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Line breaks in bytes[from, to): each \n, and each \r not followed by \n. A \r ending the previous
 * chunk (`afterCR`) is counted here unless this chunk starts with its \n.
 */
function countLineBytes(bytes: Uint8Array, from: number, to: number, afterCR: boolean): number {
  let n = afterCR && from === 0 && to > 0 && bytes[0] !== 10 ? 1 : 0;
  for (let i = bytes.indexOf(10, from); i >= 0 && i < to; i = bytes.indexOf(10, i + 1)) n++;
  for (let i = bytes.indexOf(13, from); i >= 0 && i < to - 1; i = bytes.indexOf(13, i + 1)) if (bytes[i + 1] !== 10) n++;
  return n;
}

/** Offset of the first byte that cannot start or continue a UTF-8 character (0 when unsure). */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < 3 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++; // tail of a character from the previous chunk
  while (i < bytes.length) {
    const b = bytes[i];
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra && i + k < bytes.length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
