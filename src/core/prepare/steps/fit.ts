import type { Table } from '../../collect/table.ts';
import { KilnError } from '../../errors.ts';
import { columnsOf, parseExpression } from '../expression/index.ts';
import { cellColumn, rowRecord, rowWhere, type FitContext, type RowWhere } from './columns.ts';
import { otherName } from './encode.ts';
import { indicatorName } from './impute.ts';
import { applyStep, fitStep, isRowStep, type FittedStep } from './ops.ts';
import type { PrepareStep } from './schema.ts';
import { atStep } from './where.ts';

export type { FittedStep } from './ops.ts';

/** A single input row as plain values: numbers, text, or null/undefined when missing. */
export type InputRecord = Record<string, string | number | null | undefined>;

/** Options for fitting: the label (never changed, never read) and where each row came from. */
export interface FitOptions {
  label?: string;
  /** Each row's index in the loaded file (`applyRowSteps(...).origin`), so errors name the right line. */
  origin?: readonly number[];
}

/**
 * Fits the column steps in order, each on the output of the steps before it, using `trainRows`
 * only, so nothing from validation or test rows leaks into the parameters. Row steps are
 * skipped: applyRowSteps has already run them.
 *
 * fitSteps(table, [{ op: 'scale', method: 'minmax' }], [0, 1, 2]) // column x holds 1, 2, 3
 * // → [{ op: 'scale', method: 'minmax', columns: { x: { center: 1, scale: 2 } } }]
 */
export function fitSteps(table: Table, steps: readonly PrepareStep[], trainRows: readonly number[], opts: FitOptions = {}): FittedStep[] {
  const ctx: FitContext = { rows: trainRows, label: opts.label, where: rowWhere(table, opts.origin) };
  const fitted: FittedStep[] = [];
  let current = table;
  steps.forEach((step, i) => {
    if (isRowStep(step)) return;
    const f = atStep(i, table.source, () => canonical(fitStep(current, step, ctx)));
    current = atStep(i, table.source, () => applyStep(current, f, ctx.where));
    fitted.push(f);
  });
  return fitted;
}

/**
 * The fitted step as it reads back from JSON (which writes -0 as 0, for one), so later steps are
 * fitted on exactly what preprocessing.json will hold. JSON would write ±Infinity as null, so a
 * parameter that overflowed is an error rather than a silent null.
 */
function canonical(f: FittedStep): FittedStep {
  const text = JSON.stringify(f, (_, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new KilnError(`${f.op} computed a parameter that is not a finite number; are some values too large (beyond 1e300)?`);
    }
    return v;
  });
  return JSON.parse(text) as FittedStep;
}

/**
 * Applies fitted steps to every row, returning a new table with the same rows (the input is not
 * changed), ready for fitPreprocessor and encodeFeatures.
 */
export function applyFitted(table: Table, fitted: readonly FittedStep[], opts: Pick<FitOptions, 'origin'> = {}): Table {
  const where = rowWhere(table, opts.origin);
  return fitted.reduce((t, f) => applyStep(t, f, where), table);
}

/**
 * Applies fitted steps to one row (in-page prediction, exported model). The row becomes a
 * one-row table and goes through the very code applyFitted runs, so it gets exactly the same transformation.
 * Columns the steps read but the record lacks count as missing.
 *
 * // fitted: [{ op: 'onehot', columns: { island: ['Biscoe', 'Dream'] } },
 * //          { op: 'derive', name: 'bmi', expression: 'weight / (height/100)^2' }]
 * applyFittedToRecord(fitted, { weight: 81, height: '180', island: 'Mars' })
 * // → { weight: 81, height: '180', 'island=Biscoe': 0, 'island=Dream': 0, 'island=other': 1, bmi: 25 }
 */
export function applyFittedToRecord(fitted: readonly FittedStep[], record: InputRecord): Record<string, number | string | null> {
  const names = [...new Set([...Object.keys(record), ...inputColumns(fitted)])];
  const table: Table = { source: 'input', rowCount: 1, columns: names.map((n) => cellColumn(n, record[n])), warnings: [] };
  const where: RowWhere = (_, column) => ({ column });
  return rowRecord(
    fitted.reduce((t, f) => applyStep(t, f, where), table),
    0,
  );
}

/**
 * The columns a record must supply: those the steps read that no earlier step creates, in
 * order of first use (the label is never among them). Given the preprocessor's feature names,
 * also the features that pass through the steps untouched: everything a prediction form asks for.
 *
 * // fitted: impute weight and height, onehot island, derive bmi
 * inputColumns(fitted, ['weight', 'island=Dream', 'bmi', 'age']) // → ['weight', 'height', 'island', 'age']
 */
export function inputColumns(fitted: readonly FittedStep[], features: readonly string[] = []): string[] {
  const made = new Set<string>();
  const needed = new Set<string>();
  const read = (names: readonly string[]) => names.forEach((n) => made.has(n) || needed.add(n));
  for (const f of fitted) {
    switch (f.op) {
      case 'drop':
        break;
      case 'impute':
        read(Object.keys(f.fill));
        if (f.indicator) Object.keys(f.fill).forEach((n) => made.add(indicatorName(n)));
        break;
      case 'scale':
      case 'clip':
        read(Object.keys(f.columns));
        break;
      case 'onehot':
        for (const [n, categories] of Object.entries(f.columns)) {
          read([n]);
          [...categories.map((c) => `${n}=${c}`), otherName(n)].forEach((d) => made.add(d));
        }
        break;
      case 'ordinal':
      case 'cast':
        read([f.column]);
        break;
      case 'transform':
      case 'bin':
        read([f.column]);
        if (f.as !== undefined) made.add(f.as);
        break;
      case 'derive':
        read(columnsOf(parseExpression(f.expression)));
        made.add(f.name);
        break;
    }
  }
  read(features);
  return [...needed];
}
