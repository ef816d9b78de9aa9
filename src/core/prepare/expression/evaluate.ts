import { findBuiltIn } from './functions.ts';
import type { BinaryOp, Expr } from './parse.ts';

/**
 * Computes an expression for one row; `get` returns a column's value (NaN when missing).
 * Missing inputs propagate as NaN, and so does any step that is not a finite number
 * (x/0, log(0), sqrt(-1)), so a later impute step can fill the gap instead of training on ±Infinity.
 *
 * evaluate(parseExpression('weight / (height/100)^2'), (n) => ({ weight: 81, height: 180 })[n]!) // → 25
 */
export function evaluate(expr: Expr, get: (name: string) => number): number {
  const v = compute(expr, get);
  return Number.isFinite(v) ? v : NaN;
}

function compute(e: Expr, get: (name: string) => number): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'column':
      return get(e.name);
    case 'negate':
      return -evaluate(e.arg, get);
    case 'binary':
      return binary(e.op, evaluate(e.left, get), evaluate(e.right, get));
    case 'call': {
      if (e.fn === 'if') {
        // Only the chosen branch runs, so if(x > 0, log(x), 0) never computes log of a non-positive x.
        const cond = evaluate(e.args[0], get);
        return Number.isNaN(cond) ? NaN : evaluate(e.args[cond !== 0 ? 1 : 2], get);
      }
      const args = e.args.map((a) => evaluate(a, get));
      return findBuiltIn(e.fn)!.apply(args);
    }
  }
}

function binary(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b; // sign of the left side, as in JavaScript and C
    case '^':
      // JavaScript says NaN ** 0 is 1; a missing base must stay missing.
      return Number.isNaN(a) ? NaN : a ** b;
  }
  // A comparison with a missing side is unknown, not false.
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  switch (op) {
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
  }
}
