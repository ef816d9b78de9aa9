import { builtInNames, describeArity, findBuiltIn } from './functions.ts';
import { describeToken, failAt, tokenize, type Token } from './tokenize.ts';

/** Operators that yield 1 or 0. */
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
/** Every two-operand operator. */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | CompareOp;

/** A parsed expression; `pos` is the 0-based offset of the node's first (or operator) character. */
export type Expr =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'column'; name: string; pos: number }
  | { kind: 'negate'; arg: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { kind: 'call'; fn: string; args: Expr[]; pos: number };

const comparisons = new Set<string>(['<', '<=', '>', '>=', '==', '!=']);
// Deep enough for any formula a person writes, shallow enough never to overflow the stack.
const maxDepth = 200;

/**
 * Parses expression source into an AST with a recursive-descent parser (never eval).
 * Precedence, loosest first: comparison (not chainable), + -, * / %, unary -, ^ (right-assoc),
 * so -2^2 = -4 and 2^3^2 = 512, as in maths.
 *
 * parseExpression('weight / (height/100)^2') // → { kind: 'binary', op: '/', … }
 */
export function parseExpression(src: string): Expr {
  const parser = new Parser(tokenize(src));
  const expr = parser.comparison();
  parser.expectEnd();
  return expr;
}

/** Column names an expression reads, each once, in order of first use. */
export function columnsOf(expr: Expr): string[] {
  const names = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.kind === 'column') names.add(e.name);
    else if (e.kind === 'negate') visit(e.arg);
    else if (e.kind === 'binary') [e.left, e.right].forEach(visit);
    else if (e.kind === 'call') e.args.forEach(visit);
  };
  visit(expr);
  return [...names];
}

/** Throws an ExpressionError at the first column that is not in `available`, listing the choices. */
export function checkColumns(expr: Expr, available: readonly string[]): void {
  const known = new Set(available);
  const find = (e: Expr): Expr | undefined => {
    if (e.kind === 'column') return known.has(e.name) ? undefined : e;
    if (e.kind === 'negate') return find(e.arg);
    if (e.kind === 'binary') return find(e.left) ?? find(e.right);
    if (e.kind === 'call') return e.args.map(find).find((x) => x !== undefined);
    return undefined;
  };
  const bad = find(expr);
  if (bad?.kind === 'column') failAt(bad.pos, `unknown column '${bad.name}'`, `; columns are ${available.join(', ')}`);
}

class Parser {
  private at = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind !== 'op' || !comparisons.has(t.value)) return left;
    this.at++;
    const right = this.additive();
    const next = this.peek();
    if (next.kind === 'op' && comparisons.has(next.value)) {
      failAt(next.pos, 'comparisons cannot be chained', '; combine them with *, e.g. (a < b) * (b < c)');
    }
    return { kind: 'binary', op: t.value as CompareOp, left, right, pos: t.pos };
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind === 'end') return;
    const prev = this.tokens[this.at - 1];
    const hint =
      t.kind === 'name' && prev?.kind === 'name'
        ? '; names with spaces go in backquotes, e.g. `petal length`'
        : t.kind === 'op' && t.value === ')'
          ? " (this ')' has no matching '(')"
          : '';
    failAt(t.pos, 'expected an operator or end of expression', `, found ${describeToken(t)}${hint}`);
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let t = this.peek(); t.kind === 'op' && (t.value === '+' || t.value === '-'); t = this.peek()) {
      this.at++;
      left = { kind: 'binary', op: t.value, left, right: this.multiplicative(), pos: t.pos };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let t = this.peek(); t.kind === 'op' && '*/%'.includes(t.value); t = this.peek()) {
      this.at++;
      left = { kind: 'binary', op: t.value as BinaryOp, left, right: this.unary(), pos: t.pos };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.value === '-' || t.value === '+')) {
      this.at++;
      const arg = this.nested(() => this.unary());
      return t.value === '-' ? { kind: 'negate', arg, pos: t.pos } : arg;
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    const t = this.peek();
    if (t.kind !== 'op' || t.value !== '^') return base;
    this.at++;
    // The exponent is parsed as unary, which recurses back here: right-associative, and 2^-1 works.
    return { kind: 'binary', op: '^', left: base, right: this.nested(() => this.unary()), pos: t.pos };
  }

  private primary(): Expr {
    const t = this.peek();
    this.at++;
    if (t.kind === 'number') return { kind: 'number', value: t.value, pos: t.pos };
    if (t.kind === 'name') {
      const open = this.peek();
      if (t.quoted || open.kind !== 'op' || open.value !== '(') return { kind: 'column', name: t.value, pos: t.pos };
      return this.call(t.value, t.pos);
    }
    if (t.kind === 'op' && t.value === '(') {
      const inner = this.nested(() => this.comparison());
      this.expectClose(t.pos, "')'");
      return inner;
    }
    failAt(t.pos, "expected a number, column, function or '('", `, found ${describeToken(t)}`);
  }

  private call(fn: string, pos: number): Expr {
    const f = findBuiltIn(fn);
    if (!f) failAt(pos, `unknown function '${fn}'`, `; functions are ${builtInNames.join(', ')}`);
    const open = this.peek();
    this.at++;
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.nested(() => this.comparison()));
      while (this.isOp(',')) {
        this.at++;
        args.push(this.nested(() => this.comparison()));
      }
    }
    this.expectClose(open.pos, "',' or ')'");
    if (args.length < f.min || args.length > f.max) {
      failAt(pos, `wrong number of arguments to ${fn}`, `: it ${describeArity(f)}, got ${args.length}`);
    }
    return { kind: 'call', fn, args, pos };
  }

  private expectClose(openPos: number, expected: string): void {
    const t = this.peek();
    if (t.kind === 'op' && t.value === ')') {
      this.at++;
      return;
    }
    failAt(t.pos, `expected ${expected}`, `, found ${describeToken(t)} (to close '(' at position ${openPos + 1})`);
  }

  private nested(parse: () => Expr): Expr {
    if (++this.depth > maxDepth) failAt(this.peek().pos, `expression is nested more than ${maxDepth} levels deep`);
    const e = parse();
    this.depth--;
    return e;
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === value;
  }

  private peek(): Token {
    return this.tokens[this.at] ?? this.tokens[this.tokens.length - 1];
  }
}
