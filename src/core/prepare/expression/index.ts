/** The derive step's safe expression language: a tokenizer, a recursive-descent parser and a tree-walking evaluator, with no eval. */
export { parseExpression, columnsOf, checkColumns } from './parse.ts';
export type { Expr, BinaryOp, CompareOp } from './parse.ts';
export { evaluate } from './evaluate.ts';
export { ExpressionError } from './tokenize.ts';
export { builtInNames } from './functions.ts';
