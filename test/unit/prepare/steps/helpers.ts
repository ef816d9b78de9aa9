import { parseCsv } from '../../../../src/core/collect/csv.ts';
import type { Table } from '../../../../src/core/collect/table.ts';
import { rowRecord } from '../../../../src/core/prepare/steps/columns.ts';
import { applyFitted, fitSteps, type FitOptions, type FittedStep } from '../../../../src/core/prepare/steps/fit.ts';
import { prepareSchema, type PrepareStep, type PrepareStepInput } from '../../../../src/core/prepare/steps/schema.ts';

/** Steps as a person writes them, with the schema's defaults filled in. */
export const steps = (...input: PrepareStepInput[]): PrepareStep[] => prepareSchema.parse(input);

/** A table from inline CSV, named data.csv for error messages. */
export const csv = (text: string): Table => parseCsv(text, 'data.csv');

/** Row indices 0..n-1. */
export const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** A column as plain values (null = missing), or undefined when absent. */
export function col(table: Table, name: string): (number | string | null)[] | undefined {
  if (!table.columns.some((c) => c.name === name)) return undefined;
  return upTo(table.rowCount).map((i) => rowRecord(table, i)[name]);
}

/** Column names in order. */
export const names = (table: Table): string[] => table.columns.map((c) => c.name);

/** Fits `input` on `train` rows and applies the result to the whole table. */
export function run(
  table: Table,
  input: PrepareStepInput[],
  train: readonly number[] = upTo(table.rowCount),
  opts: FitOptions = {},
): { fitted: FittedStep[]; out: Table } {
  const fitted = fitSteps(table, steps(...input), train, opts);
  return { fitted, out: applyFitted(table, fitted) };
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
