import { KilnError } from '../errors.ts';
import Papa from 'papaparse';

/** How much text the format (delimiter, line ending, binary or not) is guessed from. */
export const sampleSize = 64 * 1024;

/**
 * The text to guess the format from, or null while more is needed: the first 64 KiB, cut after its
 * last line break when the text goes on. It depends only on the text, never on how it was chunked.
 */
export function formatSample(pending: string, final: boolean): string | null {
  if (pending.length <= sampleSize) return final ? pending : null;
  const head = pending.slice(0, sampleSize);
  const cut = head.lastIndexOf('\n');
  return cut > 0 ? head.slice(0, cut + 1) : head;
}

/**
 * Comma, tab, pipe or semicolon, guessed by Papa from the first rows of `sample`. A delimiter the
 * header row does not contain would make every data row ragged (a one-column file whose cells hold
 * tabs), so then the header decides: it is one column, read with commas.
 */
export function guessDelimiter(sample: string): string {
  // Guessing needs greedy blank-line skipping (a trailing newline would otherwise look like a
  // one-field row and veto ';'), which the exact-line-number pass cannot use.
  const guessed = Papa.parse<string[]>(sample, { delimiter: '', skipEmptyLines: 'greedy', preview: 10 }).meta.delimiter;
  const header = Papa.parse<string[]>(sample, { delimiter: guessed, skipEmptyLines: 'greedy', preview: 1 }).data[0] ?? [];
  return header.length > 1 ? guessed : ',';
}

/**
 * '\n', '\r\n' or '\r', whichever ends most lines outside quoted fields (Papa's own rule; its
 * ParserHandle.guessLineEndings is not part of the public API, so it is restated here).
 */
export function guessNewline(sample: string): '\n' | '\r\n' | '\r' {
  const text = sample.replace(/"[^]*?"/g, '');
  const r = text.split('\r');
  const n = text.split('\n');
  if (r.length === 1 || (n.length > 1 && n[0].length < r[0].length)) return '\n';
  let withN = 0;
  for (const part of r) if (part[0] === '\n') withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

/** NUL characters, or more than `share` (10%) control/replacement characters near the start, mean binary data. */
export function looksBinary(sample: string, share = 0.1): boolean {
  if (sample.includes('\0')) return true;
  const head = sample.slice(0, 8192);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const ch = head.charCodeAt(i);
    if ((ch < 32 && ch !== 9 && ch !== 10 && ch !== 13) || ch === 0x7f || ch === 0xfffd) odd++;
  }
  return odd > head.length * share;
}

/** Line breaks (\r\n, \r or \n) in text[from, to); a \r\n counts once, at its \n. */
export function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** A CSV's delimiter and line ending. */
export interface CsvFormat {
  delimiter: string;
  newline: '\n' | '\r\n' | '\r';
}

/**
 * The format of text that starts with `pending`, once enough of it is in (see formatSample), or
 * null to wait for more; binary data is refused, naming `source`.
 *
 * sniffFormat('a;b\n1;2\n', true, 'x.csv') // → { delimiter: ';', newline: '\n' }
 */
export function sniffFormat(pending: string, final: boolean, source: string): CsvFormat | null {
  const sample = formatSample(pending, final);
  if (sample === null) return null;
  if (looksBinary(sample)) throw new KilnError('does not look like a text CSV file (binary data?)', { file: source });
  return { delimiter: guessDelimiter(sample), newline: guessNewline(sample) };
}
