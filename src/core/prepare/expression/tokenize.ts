import { KilnError, type ErrorLocation } from '../../errors.ts';

/** One lexical unit of an expression; `pos` is the 0-based offset of its first character. */
export type Token =
  | { kind: 'number'; value: number; text: string; pos: number }
  | { kind: 'name'; value: string; quoted: boolean; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'end'; pos: number };

/** A syntax or name error in an expression; `position` is 1-based so a UI can place a caret. */
export class ExpressionError extends KilnError {
  constructor(
    detail: string,
    readonly position: number,
    where: ErrorLocation = {},
  ) {
    super(detail, where);
  }
}

/** Throws an ExpressionError reading "<what> at position <n><tail>", e.g. "expected ')' at position 14, found end of expression". */
export function failAt(pos: number, what: string, tail = ''): never {
  throw new ExpressionError(`${what} at position ${pos + 1}${tail}`, pos + 1);
}

// Sticky patterns so each match must start exactly where the previous token ended.
const numberPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
// Dots are allowed inside names because R-style exports use them (`sepal.length`).
const namePattern = /[\p{L}_][\p{L}\p{N}_.]*/uy;
const operators = ['<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/', '%', '^', '(', ')', ','];

/**
 * Splits expression source into tokens, ending with an `end` token.
 *
 * tokenize('`petal length` * 2') // → name 'petal length', op '*', number 2, end
 */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) failAt(i, 'backquoted name', " is never closed (missing '`')");
      const name = src.slice(i + 1, close);
      if (name.trim() === '') failAt(i, 'empty backquoted name');
      tokens.push({ kind: 'name', value: name, quoted: true, pos: i });
      i = close + 1;
      continue;
    }
    numberPattern.lastIndex = i;
    const num = numberPattern.exec(src);
    if (num) {
      const value = Number(num[0]);
      if (!Number.isFinite(value)) failAt(i, `number '${num[0]}'`, ' is too large');
      tokens.push({ kind: 'number', value, text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    namePattern.lastIndex = i;
    const name = namePattern.exec(src);
    if (name) {
      tokens.push({ kind: 'name', value: name[0], quoted: false, pos: i });
      i += name[0].length;
      continue;
    }
    const op = operators.find((o) => src.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', value: op, pos: i });
      i += op.length;
      continue;
    }
    if (ch === '=') failAt(i, "unexpected '='", "; compare with '=='; the derive step's `name` field names the new column");
    failAt(i, `unexpected character '${ch}'`);
  }
  tokens.push({ kind: 'end', pos: src.length });
  return tokens;
}

/** How a token reads in an error message: 'x', '(' or 'end of expression'. */
export function describeToken(t: Token): string {
  if (t.kind === 'end') return 'end of expression';
  if (t.kind === 'number') return `'${t.text}'`;
  if (t.kind === 'name') return t.quoted ? `\`${t.value}\`` : `'${t.value}'`;
  return `'${t.value}'`;
}
