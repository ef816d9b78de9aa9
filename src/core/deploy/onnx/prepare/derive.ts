import { columnsOf, parseExpression, type BinaryOp, type Expr } from '../../../prepare/expression/index.ts';
import type { FittedDerive } from '../../../prepare/steps/transform.ts';
import type { StepConverter } from './context.ts';
import { log1p } from './numeric-steps.ts';
import type { PrepGraph } from './values.ts';

/** derive: the expression as ONNX ops, with evaluate.ts's rules: any missing or non-finite step is NaN. */
export const deriveStep: StepConverter<FittedDerive> = ({ p, cols, numbers }, f) => {
  const expr = parseExpression(f.expression);
  const value = compileExpression(p, expr, numbers);
  // An expression of constants alone still needs one value per row.
  const perRow = columnsOf(expr).length > 0 ? value : p.op('Add', [p.full(0), value]);
  cols.set(f.name, { kind: 'numeric', value: perRow });
};

const compareOps: Partial<Record<BinaryOp, string>> = { '<': 'Less', '<=': 'LessOrEqual', '>': 'Greater', '>=': 'GreaterOrEqual', '==': 'Equal' };
const arithmeticOps: Partial<Record<BinaryOp, string>> = { '+': 'Add', '-': 'Sub', '*': 'Mul', '/': 'Div' };

/**
 * Compiles `expr` to a float64 value that is finite or NaN, as `evaluate` returns; `column`
 * gives a column's [batch, 1] value. Both branches of `if` are computed, which changes nothing:
 * neither can fail, and Where picks the one evaluate would have run.
 *
 * compileExpression(p, parseExpression('a / b'), get) // → Where(IsInf(a/b), NaN, a/b)
 */
export function compileExpression(p: PrepGraph, expr: Expr, column: (name: string) => string): string {
  const compile = (e: Expr): string => {
    switch (e.kind) {
      case 'number':
        return p.num(e.value);
      case 'column':
        return p.finite(column(e.name));
      case 'negate':
        return p.op('Neg', [compile(e.arg)]);
      case 'binary':
        return binary(p, e.op, compile(e.left), compile(e.right));
      case 'call':
        return call(p, e.fn, e.args.map(compile));
    }
  };
  return compile(expr);
}

function binary(p: PrepGraph, op: BinaryOp, a: string, b: string): string {
  const arithmetic = arithmeticOps[op];
  if (arithmetic) return p.finite(p.op(arithmetic, [a, b]));
  // fmod keeps the sign of the left side, as JavaScript's % does; x % 0 is NaN in both.
  if (op === '%') return p.finite(p.op('Mod', [a, b], { fmod: { i: 1 } }));
  // C's pow says 1^NaN and NaN^0 are 1; JavaScript (and Kiln) keep a missing side missing.
  if (op === '^') return p.finite(p.keepMissing(p.op('Pow', [a, b]), [a, b]));
  const compare = op === '!=' ? p.op('Not', [p.op('Equal', [a, b])]) : p.op(compareOps[op]!, [a, b]);
  // A comparison with a missing side is unknown (NaN), not false.
  return p.keepMissing(p.toDouble(compare), [a, b]);
}

function call(p: PrepGraph, fn: string, args: string[]): string {
  const [x, lo, hi] = args;
  switch (fn) {
    case 'if':
      return p.keepMissing(p.where(p.op('Equal', [x, p.num(0)]), args[2], args[1]), [x]);
    case 'abs':
      return p.op('Abs', [x]);
    case 'ceil':
      return p.op('Ceil', [x]);
    case 'floor':
      return p.op('Floor', [x]);
    case 'round':
      return round(p, x);
    case 'exp':
      return p.finite(p.op('Exp', [x]));
    case 'log':
      return p.finite(p.op('Log', [x]));
    case 'log1p':
      return p.finite(log1p(p, x));
    case 'sqrt':
      return p.op('Sqrt', [x]);
    case 'clip':
      return p.keepMissing(pick(p, 'Less', pick(p, 'Greater', x, lo), hi), args);
    case 'max':
      return p.keepMissing(args.reduce((a, b) => pick(p, 'Greater', a, b)), args);
    case 'min':
      return p.keepMissing(args.reduce((a, b) => pick(p, 'Less', a, b)), args);
  }
  throw new Error(`derive: no ONNX form for function '${fn}'`);
}

/** `a` when a <op> b, else `b`: max with Greater, min with Less (NaN is handled by the caller). */
function pick(p: PrepGraph, op: 'Greater' | 'Less', a: string, b: string): string {
  return p.where(p.op(op, [a, b]), a, b);
}

/**
 * Math.round: the nearest integer, halves toward +∞ (-2.5 → -2). ONNX Round sends halves to
 * even, and floor(x + 0.5) errs on 0.49999999999999994, so: floor(x) + (x - floor(x) >= 0.5).
 */
function round(p: PrepGraph, x: string): string {
  const down = p.op('Floor', [x]);
  const up = p.toDouble(p.op('GreaterOrEqual', [p.op('Sub', [x, down]), p.num(0.5)]));
  return p.op('Add', [down, up]);
}
