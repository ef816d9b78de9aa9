import { cellText, findColumn, type Column, type Table } from '../collect/table.ts';
import { KilnError } from '../errors.ts';
import { splitNames, type SplitIndices, type SplitName, type Stratum } from './split.ts';

/** A row's class, by row index: an array indexed by row, or a lookup function. */
export type StrataByRow = ArrayLike<Stratum | null | undefined> | ((row: number) => Stratum | null | undefined);

/** A class too thin in one split to train or judge on. */
export interface ClassCountWarning {
  split: SplitName;
  /** The class, as text. */
  stratum: string;
  count: number;
  /** e.g. "class 'x' has 1 example in validation". */
  message: string;
}

/** How the classes spread over the splits. */
export interface SplitReport {
  /** Every class seen in any split, in numeric-aware name order ('2' before '10'), missing last. */
  classes: string[];
  /** Rows of each class in each split, aligned with `classes`. */
  counts: Record<SplitName, number[]>;
  warnings: ClassCountWarning[];
}

/** Label for rows whose stratum is missing. */
export const missingClass = '(missing)';

const collator = new Intl.Collator('en', { numeric: true });

/**
 * Counts each class in each split and warns when a class has fewer than 2 examples in a split
 * that has rows at all (one example cannot be both learned from and checked against).
 *
 * splitReport({ train: [0, 1, 2], validation: [3], test: [] }, ['a', 'a', 'b', 'a'])
 * // → { classes: ['a', 'b'], counts: { train: [2, 1], validation: [1, 0], test: [0, 0] },
 * //     warnings: [{ message: "class 'b' has 1 example in train", … }, { message: "class 'a' has 1 example in validation", … }, …] }
 */
export function splitReport(split: SplitIndices, strataByRow: StrataByRow): SplitReport {
  const lookup = typeof strataByRow === 'function' ? strataByRow : (row: number) => strataByRow[row];
  const tallies = new Map<string, Record<SplitName, number>>();
  for (const name of splitNames) {
    for (const row of split[name]) {
      const stratum = lookup(row);
      const key = stratum === null || stratum === undefined ? missingClass : String(stratum);
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = { train: 0, validation: 0, test: 0 }));
      tally[name]++;
    }
  }
  // Missing goes last so the real classes read in order.
  const classes = [...tallies.keys()].sort((a, b) => Number(a === missingClass) - Number(b === missingClass) || collator.compare(a, b));
  const counts = { train: [], validation: [], test: [] } as Record<SplitName, number[]>;
  const warnings: ClassCountWarning[] = [];
  for (const name of splitNames) {
    for (const stratum of classes) {
      const count = tallies.get(stratum)![name];
      counts[name].push(count);
      if (split[name].length > 0 && count < 2) {
        const examples = count === 0 ? 'no examples' : '1 example';
        warnings.push({ split: name, stratum, count, message: `class '${stratum}' has ${examples} in ${name}` });
      }
    }
  }
  return { classes, counts, warnings };
}

/**
 * A function giving a stable text key of a row's values in `columns` (all columns when
 * omitted): equal keys mean equal values, and a missing cell differs from the text "null".
 *
 * rowKeyFromTable(table, ['x', 'island'])(3) // → '["2.5","Dream"]'
 */
export function rowKeyFromTable(table: Table, columns?: readonly string[]): (row: number) => string {
  const picked: Column[] = columns
    ? columns.map((name) => {
        const column = findColumn(table, name);
        if (!column) throw new KilnError(`column '${name}' not found`, { file: table.source, column: name });
        return column;
      })
    : table.columns;
  return (row) => JSON.stringify(picked.map((c) => cellText(c, row)));
}

/** One identical pair across two splits, by row index. */
export interface DuplicatePair {
  rows: [number, number];
  splits: [SplitName, SplitName];
}

/** Identical rows sitting in different splits: the model may be tested on what it trained on. */
export interface DuplicateReport {
  /** Distinct values (keys) that occur in more than one split. */
  values: number;
  /** Identical pairs per pair of splits; a value with 2 train and 3 test rows adds 6 to trainTest. */
  pairs: { trainValidation: number; trainTest: number; validationTest: number };
  /** Validation rows with a copy in train; test rows with a copy in train or validation. */
  leakedRows: { validation: number; test: number };
  /** Up to `maxDuplicateExamples` pairs, one per duplicated value, lowest rows first. */
  examples: DuplicatePair[];
}

/** How many example pairs `findCrossSplitDuplicates` lists. */
export const maxDuplicateExamples = 20;

/**
 * Finds rows with the same key in different splits (possible leakage). Rows duplicated only
 * within one split are not reported: they cannot leak.
 *
 * findCrossSplitDuplicates((r) => ['a', 'b', 'a'][r], { train: [0, 1], validation: [], test: [2] })
 * // → { values: 1, pairs: { trainValidation: 0, trainTest: 1, validationTest: 0 },
 * //     leakedRows: { validation: 0, test: 1 }, examples: [{ rows: [0, 2], splits: ['train', 'test'] }] }
 */
export function findCrossSplitDuplicates(rowKey: (row: number) => string, split: SplitIndices): DuplicateReport {
  const byKey = new Map<string, number[][]>();
  splitNames.forEach((name, s) => {
    for (const row of split[name]) {
      const key = rowKey(row);
      let where = byKey.get(key);
      if (!where) byKey.set(key, (where = [[], [], []]));
      where[s].push(row);
    }
  });
  const report: DuplicateReport = {
    values: 0,
    pairs: { trainValidation: 0, trainTest: 0, validationTest: 0 },
    leakedRows: { validation: 0, test: 0 },
    examples: [],
  };
  const examples: DuplicatePair[] = [];
  for (const where of byKey.values()) {
    const [train, validation, test] = where;
    const present = splitNames.map((_, s) => s).filter((s) => where[s].length > 0);
    if (present.length < 2) continue;
    report.values++;
    report.pairs.trainValidation += train.length * validation.length;
    report.pairs.trainTest += train.length * test.length;
    report.pairs.validationTest += validation.length * test.length;
    if (train.length > 0) report.leakedRows.validation += validation.length;
    if (train.length + validation.length > 0) report.leakedRows.test += test.length;
    const [a, b] = present;
    examples.push({ rows: [lowest(where[a]), lowest(where[b])], splits: [splitNames[a], splitNames[b]] });
  }
  examples.sort((x, y) => x.rows[0] - y.rows[0] || x.rows[1] - y.rows[1]);
  report.examples = examples.slice(0, maxDuplicateExamples);
  return report;
}

function lowest(rows: readonly number[]): number {
  return rows.reduce((m, r) => (r < m ? r : m), Infinity);
}
