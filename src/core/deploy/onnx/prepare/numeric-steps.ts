import type { FittedClip, FittedScale } from '../../../prepare/steps/scale.ts';
import type { FittedBin, FittedTransform } from '../../../prepare/steps/transform.ts';
import type { StepConverter } from './context.ts';
import type { PrepGraph } from './values.ts';

/** scale: (x - center) / scale; missing stays missing and an overflow becomes NaN, as mapColumns does. */
export const scaleStep: StepConverter<FittedScale> = ({ p, cols, numbers }, f) => {
  for (const [name, { center, scale }] of Object.entries(f.columns)) {
    const y = p.op('Div', [p.op('Sub', [numbers(name), p.num(center)]), p.num(scale)]);
    cols.set(name, { kind: 'numeric', value: p.finite(y) });
  }
};

/** clip: to the fitted bounds with Less/Greater + Where, which leave NaN alone (ONNX Clip and Max need not). */
export const clipStep: StepConverter<FittedClip> = ({ p, cols, numbers }, f) => {
  for (const [name, { min, max }] of Object.entries(f.columns)) {
    const x = numbers(name);
    const [lo, hi] = [p.num(min), p.num(max)];
    const y = p.where(p.op('Less', [x, lo]), lo, p.where(p.op('Greater', [x, hi]), hi, x));
    cols.set(name, { kind: 'numeric', value: y });
  }
};

/** transform: log, log1p, sqrt or a power; results outside the domain (±Infinity, NaN) become NaN. */
export const transformStep: StepConverter<FittedTransform> = ({ p, cols, numbers }, f) => {
  const x = numbers(f.column);
  let y: string;
  if (f.fn === 'log') y = p.op('Log', [x]);
  else if (f.fn === 'log1p') y = log1p(p, x);
  else if (f.fn === 'sqrt') y = p.op('Sqrt', [x]);
  // Pow(NaN, 0) is 1 in C; a missing value must stay missing, as transformFn guards it.
  else y = p.keepMissing(p.op('Pow', [x, p.num(f.power!)]), [x]);
  cols.set(f.as ?? f.column, { kind: 'numeric', value: p.finite(y) });
};

/** bin: how many edges are ≤ x (0..edges.length); missing stays missing. */
export const binStep: StepConverter<FittedBin> = ({ p, cols, numbers }, f) => {
  const x = numbers(f.column);
  const count =
    f.edges.length === 0
      ? p.num(0)
      : p.op('ReduceSum', [p.toDouble(p.op('GreaterOrEqual', [x, p.doubles('edges', f.edges)])), p.g.int64('axis', [1])]);
  cols.set(f.as ?? f.column, { kind: 'numeric', value: p.where(p.isNaN(x), p.num(NaN), count) });
};

/**
 * log(1 + x) without losing the digits of a small x to the addition: with u = 1 + x rounded,
 * log(u) · x / (u - 1) corrects for the rounding (Goldberg's trick), and u = 1 means log1p(x) = x.
 */
export function log1p(p: PrepGraph, x: string): string {
  const u = p.op('Add', [x, p.num(1)]);
  const corrected = p.op('Div', [p.op('Mul', [p.op('Log', [u]), x]), p.op('Sub', [u, p.num(1)])]);
  return p.where(p.op('Equal', [u, p.num(1)]), x, corrected);
}
