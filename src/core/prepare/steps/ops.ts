import type { Table } from '../../collect/table.ts';
import { guardLabel, stepColumn, type FitContext, type RowWhere } from './columns.ts';
import { applyCast, applyOnehot, applyOrdinal, fitCast, fitOnehot, fitOrdinal } from './encode.ts';
import type { FittedCast, FittedOnehot, FittedOrdinal } from './encode.ts';
import { applyImpute, fitImpute, type FittedImpute } from './impute.ts';
import { applyClip, applyScale, fitClip, fitScale, type FittedClip, type FittedScale } from './scale.ts';
import type { PrepareStep, StepOf } from './schema.ts';
import { applyBin, applyDerive, applyTransform, fitBin, fitDerive, fitTransform } from './transform.ts';
import type { FittedBin, FittedDerive, FittedTransform } from './transform.ts';

/** Fitted drop: the columns removed. */
export interface FittedDrop {
  op: 'drop';
  columns: string[];
}

/** One fitted step: small, JSON-serialisable, and enough on its own to transform any row. */
export type FittedStep =
  | FittedDrop
  | FittedImpute
  | FittedScale
  | FittedClip
  | FittedOnehot
  | FittedOrdinal
  | FittedTransform
  | FittedBin
  | FittedDerive
  | FittedCast;

/** A step that is not a row step. */
export type ColumnStep = Exclude<PrepareStep, StepOf<'dropDuplicates'> | StepOf<'dropMissingLabel'>>;

/** True for steps that decide which rows exist; they run on the whole table before the split. */
export function isRowStep(step: PrepareStep): step is Exclude<PrepareStep, ColumnStep> | (StepOf<'impute'> & { strategy: 'dropRows' }) {
  return step.op === 'dropDuplicates' || step.op === 'dropMissingLabel' || (step.op === 'impute' && step.strategy === 'dropRows');
}

/** True for steps that learn nothing from the rows, so row steps after them may see their output. */
export function isStateless(step: PrepareStep): boolean {
  return step.op === 'drop' || step.op === 'cast' || step.op === 'derive' || step.op === 'transform';
}

type Fitters = { [K in ColumnStep['op']]: (table: Table, step: StepOf<K>, ctx: FitContext) => FittedStep };
type Appliers = { [K in FittedStep['op']]: (table: Table, f: Extract<FittedStep, { op: K }>, where: RowWhere) => Table };

const fitters: Fitters = {
  drop: fitDrop,
  impute: fitImpute,
  scale: fitScale,
  clip: fitClip,
  onehot: fitOnehot,
  ordinal: fitOrdinal,
  transform: fitTransform,
  bin: fitBin,
  derive: fitDerive,
  cast: fitCast,
};

const appliers: Appliers = {
  drop: applyDrop,
  impute: applyImpute,
  scale: applyScale,
  clip: applyClip,
  onehot: applyOnehot,
  ordinal: applyOrdinal,
  transform: applyTransform,
  bin: applyBin,
  derive: applyDerive,
  cast: applyCast,
};

/** Fits one column step on `ctx.rows` of `table`. */
export function fitStep(table: Table, step: ColumnStep, ctx: FitContext): FittedStep {
  // The map pairs each op with its own fitter; TypeScript cannot follow that through the union.
  return fitters[step.op](table, step as never, ctx);
}

/** Applies one fitted step to every row of `table`, returning a new table. */
export function applyStep(table: Table, f: FittedStep, where: RowWhere): Table {
  return appliers[f.op](table, f as never, where);
}

function fitDrop(table: Table, step: StepOf<'drop'>, ctx: FitContext): FittedDrop {
  guardLabel(step.columns, ctx, 'drop');
  step.columns.forEach((n) => stepColumn(table, n));
  return { op: 'drop', columns: step.columns };
}

/** Tolerates absent columns: new data or a prediction form need not carry an id that training dropped. */
function applyDrop(table: Table, f: FittedDrop): Table {
  const gone = new Set(f.columns);
  return { ...table, columns: table.columns.filter((c) => !gone.has(c.name)) };
}
