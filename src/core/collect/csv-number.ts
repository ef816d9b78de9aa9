/** scanNumber's answer: not a plain number. */
export const notNumber = 0;
/** scanNumber's answer: a number that String(Number(text)) writes back exactly ('12.5', '-3'). */
export const canonicalNumber = 1;
/** scanNumber's answer: a number in another spelling ('1.50', '007', '+3', '.5', '1e3'), or one too long to be sure. */
export const spelledNumber = 2;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Classifies trimmed cell text in one pass, without a regex: the streaming parser's fast path.
 * Accepts exactly what infer.ts's number pattern accepts (plain decimal or scientific notation;
 * overflow like '1e999' is still "a number" here, and the caller checks finiteness).
 *
 * scanNumber('4.25') // → canonicalNumber; scanNumber('4.250') // → spelledNumber; scanNumber('abc') // → notNumber
 */
export function scanNumber(t: string): number {
  const n = t.length;
  let i = 0;
  let canonical = true;
  const first = t.charCodeAt(0);
  if (first === 45) i++; // '-'
  else if (first === 43) {
    i++; // '+'
    canonical = false;
  }
  const intStart = i;
  while (i < n && isDigit(t.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  let fracDigits = 0;
  const point = i < n && t.charCodeAt(i) === 46;
  if (point) {
    const fracStart = ++i;
    while (i < n && isDigit(t.charCodeAt(i))) i++;
    fracDigits = i - fracStart;
  }
  if (intDigits + fracDigits === 0) return notNumber;
  if (i < n) {
    const e = t.charCodeAt(i);
    if (e !== 101 && e !== 69) return notNumber;
    const sign = t.charCodeAt(++i);
    if (sign === 43 || sign === 45) i++;
    const expStart = i;
    while (i < n && isDigit(t.charCodeAt(i))) i++;
    return i === expStart || i < n ? notNumber : spelledNumber;
  }
  // From here on it is a number; decide whether String(value) gives back the same text. Up to 15
  // digits a decimal survives the round trip through a double, and JS prints the shortest form
  // in fixed notation from 1e-6 up, so the text must be that shortest form.
  const leadingZero = t.charCodeAt(intStart) === 48;
  if (!canonical || intDigits === 0 || intDigits + fracDigits > 15 || (intDigits > 1 && leadingZero)) return spelledNumber;
  if (point && (fracDigits === 0 || t.charCodeAt(n - 1) === 48)) return spelledNumber; // '5.' or a trailing zero
  if (!point) return first === 45 && leadingZero ? spelledNumber : canonicalNumber; // '-0' prints as '0'
  if (leadingZero) {
    let zeros = 0;
    while (t.charCodeAt(intStart + 2 + zeros) === 48) zeros++;
    if (zeros > 5) return spelledNumber; // below 1e-6 JS switches to '1e-7'
  }
  return canonicalNumber;
}

const powersOf10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The streaming parser's fast path: reads the plain decimal in text[start, end) straight out of
 * the row, without cutting the cell out as a string, and stores its value in `into[at]`.
 * Returns 0 when the text is exactly String(value), a zeros code for a fixed-decimal spelling of
 * it ('62.30' → 1: String(value) + one '0'; '170.00' → 130: String(value) + '.' + two '0's, the
 * code Spellings keeps), and -1 for anything else (signs other than a leading '-', leading zeros,
 * exponents, more than 15 digits, values JS would print in exponent form, '-0', whitespace),
 * which then takes the general path and leaves `into` untouched.
 * With at most 15 digits the mantissa is an exact integer and one division by an exact power of
 * ten rounds correctly, so the value equals Number(text).
 *
 * parseDecimalInto('x,-12.50,y', 2, 8, values, 0) // → 1, values[0] = -12.5
 */
export function parseDecimalInto(text: string, start: number, end: number, into: Float64Array, at: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  const intStart = i;
  let mantissa = 0;
  let c = i < end ? text.charCodeAt(i) : -1;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    c = ++i < end ? text.charCodeAt(i) : -1;
  }
  const intDigits = i - intStart;
  if (intDigits === 0 || (intDigits > 1 && text.charCodeAt(intStart) === 48)) return -1;
  let scale = 0;
  let zeros = 0; // trailing zeros of the fraction
  if (c === 46) {
    c = ++i < end ? text.charCodeAt(i) : -1;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      scale++;
      zeros = c === 48 ? zeros + 1 : 0;
      c = ++i < end ? text.charCodeAt(i) : -1;
    }
    if (scale === 0) return -1; // '5.'
  }
  if (i !== end || intDigits + scale > 15) return -1;
  if (negative && mantissa === 0) return -1; // '-0' prints as '0'
  const value = scale === 0 ? mantissa : mantissa / powersOf10[scale];
  if (value !== 0 && value < 1e-6) return -1; // JS writes these as '1e-7'
  into[at] = negative ? -value : value;
  return zeros === 0 ? 0 : zeros === scale ? 128 + zeros : zeros;
}
