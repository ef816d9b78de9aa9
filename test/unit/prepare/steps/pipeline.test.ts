import { describe, expect, it } from 'vitest';
import { cellText, findColumn, type Table } from '../../../../src/core/collect/table.ts';
import { encodeFeatures, encodeRecord, featureNames, fitPreprocessor, rowsWithLabel } from '../../../../src/core/prepare/preprocess.ts';
import { rowRecord } from '../../../../src/core/prepare/steps/columns.ts';
import { applyFitted, applyFittedToRecord, fitSteps, inputColumns } from '../../../../src/core/prepare/steps/fit.ts';
import { applyRowSteps } from '../../../../src/core/prepare/steps/rows.ts';
import type { PrepareStep } from '../../../../src/core/prepare/steps/schema.ts';
import { splitRows } from '../../../../src/core/split/split.ts';
import { csv, steps, upTo } from './helpers.ts';

/** The wiring proposed for planRun: row steps, split, fit on train, apply, then the existing preprocessor. */
function plan(table: Table, prepare: PrepareStep[], label: string) {
  const { table: kept, origin } = applyRowSteps(table, prepare, { label });
  const rows = rowsWithLabel(kept, label);
  const strata = rows.map((r) => cellText(findColumn(kept, label)!, r) ?? '');
  const split = splitRows(rows, strata, { train: 0.6, validation: 0.2, test: 0.2 }, 42);
  const fitted = fitSteps(kept, prepare, split.train, { label, origin });
  const prepared = applyFitted(kept, fitted);
  const pre = fitPreprocessor(prepared, { label, task: 'classification' }, split.train);
  return { kept, split, fitted, prepared, pre };
}

const islands = ['Biscoe', 'Dream', 'Torgersen', 'Biscoe', 'Dream'];
const text = [
  'id,weight,height,island,species',
  ...upTo(40).map((i) =>
    [i, i % 7 === 0 ? 'NA' : 50 + ((i * 37) % 45), 150 + ((i * 11) % 40), islands[i % 5], i % 3 === 0 ? 'gentoo' : 'adelie'].join(','),
  ),
  // A duplicate of row 1 except for its id, and a row without a label.
  '41,87,161,Dream,adelie',
  '42,60,170,Biscoe,',
].join('\n');
const table = csv(text);
const prepare = steps(
  { op: 'drop', columns: ['id'] },
  { op: 'dropDuplicates' },
  { op: 'dropMissingLabel' },
  { op: 'impute', indicator: true },
  { op: 'derive', name: 'bmi', expression: 'weight / (height/100)^2' },
  { op: 'onehot', columns: ['island'], maxCategories: 2 },
  { op: 'scale', method: 'robust' },
);

describe('prepare steps wired in front of fitPreprocessor', () => {
  const { kept, split, fitted, prepared, pre } = plan(table, prepare, 'species');

  it('row steps run before the split', () => {
    expect(kept.rowCount).toBe(40);
    expect(split.train.length + split.validation.length + split.test.length).toBe(40);
  });

  it('an input record encodes exactly like its table row', () => {
    for (const i of [...split.test, ...split.validation]) {
      const raw = rowRecord(kept, i);
      const fromRecord = encodeRecord(pre, applyFittedToRecord(fitted, raw));
      expect(Array.from(fromRecord)).toEqual(Array.from(encodeFeatures(pre, prepared, [i])));
    }
  });

  it('a form asking only for inputColumns encodes the same', () => {
    const asked = inputColumns(fitted, featureNames(pre));
    expect(asked).toEqual(['weight', 'height', 'island']);
    for (const i of split.test) {
      const raw = rowRecord(kept, i);
      const form = Object.fromEntries(asked.map((n) => [n, raw[n] === null ? '' : String(raw[n])]));
      expect(Array.from(encodeRecord(pre, applyFittedToRecord(fitted, form)))).toEqual(Array.from(encodeFeatures(pre, prepared, [i])));
    }
  });

  it('the preprocessor sees the prepared columns', () => {
    expect(pre.features.map((f) => f.name)).toEqual([
      'weight',
      'weight_was_missing',
      'height',
      'island=Biscoe',
      'island=Dream',
      'island=other',
      'bmi',
    ]);
  });
});
