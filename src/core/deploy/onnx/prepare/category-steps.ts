import type { FittedDrop } from '../../../prepare/steps/ops.ts';
import { otherName, type FittedCast, type FittedOnehot, type FittedOrdinal } from '../../../prepare/steps/encode.ts';
import { indicatorName, type FittedImpute } from '../../../prepare/steps/impute.ts';
import type { StepContext, StepConverter } from './context.ts';
import type { Col } from './values.ts';

/** drop: the columns leave the table; absent ones are ignored, as applyDrop ignores them. */
export const dropStep: StepConverter<FittedDrop> = ({ cols }, f) => {
  for (const name of f.columns) cols.delete(name);
};

/**
 * impute: missing (NaN) becomes the fill; a text fill joins the column's vocabulary when no
 * training row had it. An unseen category (-1) is a value, not a gap, so it stays unseen.
 */
export const imputeStep: StepConverter<FittedImpute> = ({ p, cols, column, refuse }, f) => {
  for (const [name, fill] of Object.entries(f.fill)) {
    const col = column(name);
    const missing = p.isNaN(col.value);
    let filled: Col;
    if (typeof fill === 'number') {
      if (col.kind !== 'numeric') return refuse(`it fills categorical column '${name}' with the number ${fill}`);
      filled = { kind: 'numeric', value: p.where(missing, p.num(fill), col.value) };
    } else {
      if (col.kind !== 'categorical') return refuse(`it fills numeric column '${name}' with the text '${fill}'`);
      const vocab = col.vocab.includes(fill) ? col.vocab : [...col.vocab, fill];
      filled = { kind: 'categorical', vocab, value: p.where(missing, p.num(vocab.indexOf(fill)), col.value) };
    }
    cols.set(name, filled);
    if (f.indicator) cols.set(indicatorName(name), { kind: 'numeric', value: p.toDouble(missing) });
  }
};

/**
 * onehot: one 0/1 column per kept category, and `<col>=other` for any other present value
 * (rare, unseen, -1); a missing value sets no slot. A kept category named 'other' is the bucket.
 */
export const onehotStep: StepConverter<FittedOnehot> = (ctx, f) => {
  const { p, cols } = ctx;
  for (const [name, categories] of Object.entries(f.columns)) {
    const col = categorical(ctx, name);
    // A kept category the vocabulary lacks cannot occur; NaN never equals anything, so its slot stays 0.
    const codes = (skipOther: boolean) => categories.map((c) => (skipOther && c === 'other' ? NaN : indexOrNaN(col.vocab, c)));
    const present = p.toDouble(p.op('Not', [p.isNaN(col.value)]));
    const matched = categories.length === 0 ? p.num(0) : p.op('ReduceSum', [equalMatrix(ctx, col.value, codes(true)), p.g.int64('axis', [1])]);
    const bucket = p.op('Sub', [present, matched]);
    const slots = splitColumns(ctx, equalMatrix(ctx, col.value, codes(false)), categories.length);
    cols.delete(name);
    categories.forEach((c, k) => cols.set(`${name}=${c}`, { kind: 'numeric', value: c === 'other' ? bucket : slots[k] }));
    if (!categories.includes('other')) cols.set(otherName(name), { kind: 'numeric', value: bucket });
  }
};

/** ordinal: a value's position in the order; missing, unseen and unlisted values become NaN. */
export const ordinalStep: StepConverter<FittedOrdinal> = (ctx, f) => {
  const col = categorical(ctx, f.column);
  const unreachable = f.order.find((v) => !col.vocab.includes(v));
  if (unreachable !== undefined) {
    ctx.refuse(`its order lists '${unreachable}', which no training row has, so the ONNX input (a training category's index) cannot say it`);
  }
  const position = col.vocab.map((t) => indexOrNaN(f.order, t));
  ctx.cols.set(f.column, { kind: 'numeric', value: ctx.p.lookup(col.value, position, NaN, NaN) });
};

/** cast: kept only when it changes nothing (the type it had in training); a real conversion is refused. */
export const castStep: StepConverter<FittedCast> = (ctx, f) => {
  if (f.type === f.from) return;
  const carried = f.from === 'numeric' ? 'a number, and the category text of a value unseen in training is unknown' : 'a category index, and the number of a category unseen in training (-1) is lost';
  ctx.refuse(`the ONNX input carries '${f.column}' as ${carried}`);
};

/** Equal(x, codes) as a float64 [batch, codes.length] matrix of 0/1. */
export function equalMatrix({ p }: StepContext, x: string, codes: readonly number[]): string {
  return p.toDouble(p.op('Equal', [x, p.doubles('codes', codes)]));
}

/** The columns of a [batch, n] value as n [batch, 1] values. */
export function splitColumns({ p }: StepContext, matrix: string, n: number): string[] {
  if (n <= 1) return n === 1 ? [matrix] : [];
  return p.g.ops('Split', [matrix], n, { axis: { i: 1 } });
}

function categorical(ctx: StepContext, name: string): Extract<Col, { kind: 'categorical' }> {
  const col = ctx.column(name);
  if (col.kind !== 'categorical') ctx.refuse(`column '${name}' is numeric here, but the step expects categories`);
  return col;
}

function indexOrNaN(list: readonly string[], text: string): number {
  const k = list.indexOf(text);
  return k < 0 ? NaN : k;
}
