import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkColumns,
  columnsOf,
  evaluate,
  ExpressionError,
  parseExpression,
} from '../../../../src/core/prepare/expression/index.ts';
import { isKilnError } from '../../../../src/core/errors.ts';

/** Evaluates `src` with the given column values (missing names read as NaN). */
function calc(src: string, row: Record<string, number> = {}): number {
  return evaluate(parseExpression(src), (n) => row[n] ?? NaN);
}

/** The error message parsing `src` gives. */
function parseError(src: string): string {
  try {
    parseExpression(src);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return (e as Error).message;
  }
  throw new Error(`'${src}' parsed without an error`);
}

describe('precedence and associativity', () => {
  it.each([
    ['1+2*3', 7],
    ['(1+2)*3', 9],
    ['-2^2', -4],
    ['(-2)^2', 4],
    ['2^3^2', 512],
    ['2^-1', 0.5],
    ['-2^-2', -0.25],
    ['10-4-3', 3],
    ['24/4/2', 3],
    ['7%4*2', 6],
    ['-7 % 3', -1],
    ['--3', 3],
    ['+3', 3],
    ['2*-3', -6],
    ['1 + 2 < 4', 1],
    ['1 + 2 >= 4', 0],
    ['3 == 3', 1],
    ['3 != 3', 0],
    ['2 <= 2', 1],
    ['2 > 2', 0],
    ['.5 + 1.5e1', 15.5],
    ['1E-2', 0.01],
  ])('%s = %d', (src, want) => {
    expect(calc(src)).toBe(want);
  });
});

describe('columns and functions', () => {
  const row = { weight: 81, height: 180, 'petal length': 4, 'sepal.width': 3, x: -2.5 };

  it('computes bmi from two columns', () => {
    expect(calc('weight / (height/100)^2', row)).toBeCloseTo(25, 12);
  });

  it('reads backquoted names with spaces and dotted names', () => {
    expect(calc('`petal length` * `sepal.width`', row)).toBe(12);
    expect(calc('sepal.width + 1', row)).toBe(4);
    expect(columnsOf(parseExpression('`petal length` * sepal.width + `petal length`'))).toEqual([
      'petal length',
      'sepal.width',
    ]);
  });

  it.each([
    ['log(exp(2))', 2],
    ['log1p(0)', 0],
    ['sqrt(16)', 4],
    ['abs(x)', 2.5],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['round(x)', -2],
    ['round(2.5)', 3],
    ['floor(x)', -3],
    ['ceil(x)', -2],
    ['clip(x, -1, 1)', -1],
    ['clip(5, -1, 1)', 1],
    ['clip(0.5, -1, 1)', 0.5],
    ['if(x < 0, 10, 20)', 10],
    ['if(x > 0, 10, 20)', 20],
    ['if(x > 0, log(x), -1)', -1],
  ])('%s = %d', (src, want) => {
    expect(calc(src, row)).toBe(want);
  });

  it('a column named like a function is a column when not called', () => {
    expect(calc('log + log(1)', { log: 5 })).toBe(5);
  });
});

describe('missing values', () => {
  it.each([
    'm + 1',
    'm * 0',
    'm ^ 0',
    '1 ^ m',
    'm < 1',
    'm == m',
    'if(m, 1, 2)',
    'min(m, 1)',
    'max(1, m)',
    'clip(m, 0, 1)',
    'abs(m)',
    '-m',
  ])('%s is NaN when m is missing', (src) => {
    expect(calc(src, { m: NaN })).toBeNaN();
  });

  it('non-finite results are missing, not Infinity', () => {
    expect(calc('1 / 0')).toBeNaN();
    expect(calc('log(0)')).toBeNaN();
    expect(calc('sqrt(-1)')).toBeNaN();
    expect(calc('exp(1000)')).toBeNaN();
    expect(calc('x', { x: Infinity })).toBeNaN();
  });

  it('the branch not taken does not spoil the result', () => {
    expect(calc('if(1, 2, m)', { m: NaN })).toBe(2);
  });
});

describe('error messages', () => {
  it.each([
    ['(a + b * c', "expected ')' at position 11, found end of expression (to close '(' at position 1)"],
    ['a +', "expected a number, column, function or '(' at position 4, found end of expression"],
    ['', "expected a number, column, function or '(' at position 1, found end of expression"],
    ['a * * b', "expected a number, column, function or '(' at position 5, found '*'"],
    ['a b', "expected an operator or end of expression at position 3, found 'b'"],
    ['petal length * 2', "at position 7, found 'length'; names with spaces go in backquotes, e.g. `petal length`"],
    ['a)', "expected an operator or end of expression at position 2, found ')' (this ')' has no matching '(')"],
    ['`petal length * 2', "backquoted name at position 1 is never closed (missing '`')"],
    ['2 $ 3', "unexpected character '$' at position 3"],
    ['a = b', "unexpected '=' at position 3; compare with '=='"],
    ['1 < a < 3', 'comparisons cannot be chained at position 7; combine them with *, e.g. (a < b) * (b < c)'],
    ['max(1, 2', "expected ',' or ')' at position 9, found end of expression (to close '(' at position 4)"],
    ['log(1, 2)', 'wrong number of arguments to log at position 1: it takes 1 argument, got 2'],
    ['max(1)', 'wrong number of arguments to max at position 1: it takes at least 2 arguments, got 1'],
    ['if(a, b)', 'wrong number of arguments to if at position 1: it takes 3 arguments, got 2'],
    ['1e999', "number '1e999' at position 1 is too large"],
  ])('%s', (src, want) => {
    expect(parseError(src)).toContain(want);
  });

  it('an unknown function is named and the choices listed', () => {
    expect(parseError('2 * lg(x)')).toBe(
      "unknown function 'lg' at position 5; functions are abs, ceil, clip, exp, floor, if, log, log1p, max, min, round, sqrt",
    );
    // Object.prototype names are not functions either.
    expect(parseError('constructor(1)')).toContain("unknown function 'constructor'");
  });

  it('an unknown column is named, located and the choices listed', () => {
    const expr = parseExpression('weight / heigth^2');
    expect(() => checkColumns(expr, ['weight', 'height'])).toThrow(
      "unknown column 'heigth' at position 10; columns are weight, height",
    );
    expect(() => checkColumns(expr, ['weight', 'heigth'])).not.toThrow();
  });

  it('errors are KilnErrors carrying a 1-based position', () => {
    try {
      parseExpression('1 + (2');
      expect.unreachable();
    } catch (e) {
      expect(isKilnError(e)).toBe(true);
      expect((e as ExpressionError).position).toBe(7);
    }
  });

  it('deep nesting is an error, not a stack overflow', () => {
    expect(parseError('('.repeat(5000) + '1' + ')'.repeat(5000))).toContain('nested more than 200 levels');
    expect(parseError('-'.repeat(5000) + '1')).toContain('nested more than 200 levels');
    expect(calc('('.repeat(150) + '1' + ')'.repeat(150))).toBe(1);
  });
});

describe('safety', () => {
  it('the expression module never uses eval or new Function', () => {
    const dir = new URL('../../../../src/core/prepare/expression/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      expect(src, f).not.toMatch(/\beval\s*\(/);
      expect(src, f).not.toMatch(/new\s+Function\b/);
      expect(src, f).not.toMatch(/\bFunction\s*\(/);
    }
  });

  it('identifiers cannot reach JavaScript globals', () => {
    expect(calc('process + globalThis')).toBeNaN();
  });
});
