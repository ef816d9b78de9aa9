/** A built-in function: how many arguments it takes and what it computes. */
export interface BuiltIn {
  min: number;
  max: number;
  apply: (args: number[]) => number;
}

/**
 * The functions an expression may call. `if` is listed for its arity only: the evaluator
 * handles it itself so that just the chosen branch is computed.
 */
export const builtIns: Record<string, BuiltIn> = {
  abs: { min: 1, max: 1, apply: ([x]) => Math.abs(x) },
  ceil: { min: 1, max: 1, apply: ([x]) => Math.ceil(x) },
  clip: { min: 3, max: 3, apply: ([x, lo, hi]) => Math.min(Math.max(x, lo), hi) },
  exp: { min: 1, max: 1, apply: ([x]) => Math.exp(x) },
  floor: { min: 1, max: 1, apply: ([x]) => Math.floor(x) },
  if: { min: 3, max: 3, apply: ([c, a, b]) => (Number.isNaN(c) ? NaN : c !== 0 ? a : b) },
  log: { min: 1, max: 1, apply: ([x]) => Math.log(x) },
  log1p: { min: 1, max: 1, apply: ([x]) => Math.log1p(x) },
  max: { min: 2, max: Infinity, apply: (xs) => Math.max(...xs) },
  min: { min: 2, max: Infinity, apply: (xs) => Math.min(...xs) },
  // Math.round sends halves up (-2.5 → -2), the same in every browser.
  round: { min: 1, max: 1, apply: ([x]) => Math.round(x) },
  sqrt: { min: 1, max: 1, apply: ([x]) => Math.sqrt(x) },
};

/** Function names in alphabetical order, for error messages. */
export const builtInNames = Object.keys(builtIns).sort();

/** Own-property lookup, so names like 'constructor' or 'toString' are not mistaken for functions. */
export function findBuiltIn(name: string): BuiltIn | undefined {
  return Object.hasOwn(builtIns, name) ? builtIns[name] : undefined;
}

/** "takes 1 argument", "takes 3 arguments", "takes at least 2 arguments". */
export function describeArity(f: BuiltIn): string {
  const n = f.min;
  const count = `${n} argument${n === 1 ? '' : 's'}`;
  return f.max === Infinity ? `takes at least ${count}` : `takes ${count}`;
}
