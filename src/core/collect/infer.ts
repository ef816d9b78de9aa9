import type { ColumnType } from './table.ts';

// Spellings spreadsheets and R/pandas exports use for "no value"; matched exactly after trimming
// so that ordinary words ('none of the above', 'Nan Goldin') are left alone.
const missingTokens = new Set(['', 'NA', 'N/A', 'na', 'n/a', 'null', 'NULL', 'None', '?', 'NaN', 'nan']);

// Plain decimal or scientific notation only: no hex, no thousands separators, no 'Infinity',
// because Number() accepts all of those and would silently turn text into numbers.
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const infPattern = /^[+-]?inf(?:inity)?$/i;

/** True when the cell text means "no value" (empty, NA, null, ?, NaN, ...). */
export function isMissingToken(s: string): boolean {
  return missingTokens.has(s.trim());
}

/** The finite number written in `s`, or null when `s` is not a plain decimal/scientific number. */
export function parseNumber(s: string): number | null {
  const t = s.trim();
  if (!numberPattern.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** True for text that reads as an infinite number: 'inf', '-Infinity', or an overflow like '1e999'. */
export function isNonFiniteToken(s: string): boolean {
  const t = s.trim();
  return infPattern.test(t) || (numberPattern.test(t) && !Number.isFinite(Number(t)));
}

/** 'numeric' when every non-missing value is a finite number and there is at least one; else 'categorical'. */
export function inferColumnType(values: readonly string[]): ColumnType {
  let numbers = 0;
  for (const v of values) {
    if (isMissingToken(v)) continue;
    if (parseNumber(v) === null) return 'categorical';
    numbers++;
  }
  return numbers > 0 ? 'numeric' : 'categorical';
}

/**
 * Index of the first infinite value in a column that would otherwise be numeric, or -1.
 * The parser reports it instead of quietly making the whole column categorical.
 */
export function findNonFinite(values: readonly string[]): number {
  let first = -1;
  let numbers = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissingToken(v)) continue;
    if (parseNumber(v) !== null) numbers++;
    else if (isNonFiniteToken(v)) first = first < 0 ? i : first;
    else return -1; // real text: the column is categorical and 'inf' is just a category
  }
  // A column holding nothing but 'inf' is not "otherwise numeric".
  return numbers > 0 ? first : -1;
}
