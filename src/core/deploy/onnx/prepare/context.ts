import { KilnError } from '../../../errors.ts';
import type { FittedStep } from '../../../prepare/steps/fit.ts';
import type { Col, Cols, PrepGraph } from './values.ts';

/** What a step converter gets: the graph, the current columns (which it updates), and ways to read and refuse. */
export interface StepContext {
  p: PrepGraph;
  cols: Cols;
  /** The column called `name`; an error when neither an input field nor an earlier step makes it. */
  column(name: string): Col;
  /** The column's numbers, as the JavaScript step's numbersOf reads them. */
  numbers(name: string): string;
  /** Refuses the step, saying why, e.g. refuse("it changes how 'zip' is read"). */
  refuse(why: string): never;
}

/** Emits the nodes for one fitted step, updating `ctx.cols` as the JavaScript step updates the table. */
export type StepConverter<F extends FittedStep> = (ctx: StepContext, step: F) => void;

/**
 * A step in a few words for messages.
 *
 * describeStep({ op: 'cast', column: 'zip', type: 'categorical', from: 'numeric' }) // → "cast 'zip' to categorical"
 */
export function describeStep(f: FittedStep): string {
  const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
  switch (f.op) {
    case 'drop':
      return `drop ${quoted(f.columns)}`;
    case 'impute':
      return `impute ${quoted(Object.keys(f.fill))}`;
    case 'scale':
    case 'clip':
    case 'onehot':
      return `${f.op} ${quoted(Object.keys(f.columns))}`;
    case 'ordinal':
    case 'transform':
    case 'bin':
      return `${f.op} '${f.column}'`;
    case 'derive':
      return `derive '${f.name}'`;
    case 'cast':
      return `cast '${f.column}' to ${f.type}`;
  }
}

/** The context for step `f`, numbered `index` as the spec's prepare list numbers it. */
export function stepContext(p: PrepGraph, cols: Cols, f: FittedStep, index: number): StepContext {
  const what = `prepare step ${index} (${describeStep(f)})`;
  const column = (name: string): Col => {
    const col = cols.get(name);
    if (col) return col;
    const detail = `${what} reads column '${name}', which is neither an input field nor made by an earlier step; export the model again`;
    throw new KilnError(detail, { file: 'preprocessing.json' });
  };
  const refuse = (why: string): never => {
    throw new KilnError(`ONNX export cannot include ${what}: ${why}; remove the step or export TF.js`);
  };
  const numbers = (name: string): string => {
    const col = column(name);
    // numbersOf would parse the text, but an ONNX caller sends a category's index, and an unseen one only as -1.
    if (col.kind === 'categorical') refuse(`it reads categorical column '${name}' as numbers, which its category index cannot carry`);
    return col.value;
  };
  return { p, cols, column, numbers, refuse };
}
