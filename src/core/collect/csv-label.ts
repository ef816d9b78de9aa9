import { KilnError } from '../errors.ts';
import { emptyColumnWarning } from './csv-builder.ts';
import { cellText, findColumn, type Table } from './table.ts';

/**
 * Checks that `label` names a column with at least two different values, so a model has something
 * to learn; throws a KilnError that says what to do otherwise.
 *
 * checkLabel(table, 'kind') // throws "a.csv: label column 'kind' not found; columns are x, y"
 */
export function checkLabel(table: Table, label: string): void {
  const column = findColumn(table, label);
  if (!column) {
    const names = table.columns.map((c) => c.name).join(', ');
    const why = table.warnings.includes(emptyColumnWarning(label))
      ? `label column '${label}' is empty (every value is missing)`
      : `label column '${label}' not found`;
    throw new KilnError(`${why}; columns are ${names}`, { file: table.source });
  }
  const only = singleValue(table, label);
  if (only !== null) {
    throw new KilnError(
      `the label has only one class ('${only}'); a model needs at least two to learn from: pick another label column or add rows of other classes`,
      { file: table.source, column: label },
    );
  }
}

/** The label guessed for a table nobody named one for: the last column, where most CSVs keep it. */
export function guessLabel(table: Table): string {
  return table.columns[table.columns.length - 1].name;
}

/** A warning when the guessed label `label` has a single value, else null. */
export function singleClassWarning(table: Table, label: string): string | null {
  const only = singleValue(table, label);
  return only === null ? null : `The label column '${label}' has only one class ('${only}'); pick another label column`;
}

/** The one distinct present value of column `name`, or null when it has two or more. */
function singleValue(table: Table, name: string): string | null {
  const column = findColumn(table, name)!;
  let first: string | null = null;
  for (let i = 0; i < table.rowCount; i++) {
    const text = cellText(column, i);
    if (text === null) continue;
    if (first === null) first = text;
    else if (text !== first) return null;
  }
  return first;
}
