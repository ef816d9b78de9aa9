import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import type { Table } from '../../../src/core/collect/table.ts';
import { isKilnError, KilnError } from '../../../src/core/errors.ts';
import { checkBatch } from '../../../src/core/monitor/index.ts';
import { predict, records, syntheticBaseline } from './synthetic.ts';

const baseline = syntheticBaseline();

/** 300 rows from the training distribution as CSV, after `edit` changed the records. */
function batchCsv(edit: (rows: Record<string, string>[]) => Record<string, string>[] = (r) => r): Table {
  const rows = edit(records(300, 4242));
  const header = Object.keys(rows[0]);
  const text = [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n');
  return parseCsv(text, 'batch.csv');
}

const checks = (table: Table, options = {}) => checkBatch(baseline, table, options).violations.map((v) => [v.feature_name, v.constraint_check_type]);

describe('bad batches become violations, never crashes', () => {
  it('a clean batch has none', () => {
    expect(checks(batchCsv())).toEqual([]);
  });

  it('a missing column is a missing_column_check, and the other columns are still scored', () => {
    const table = batchCsv((rows) => rows.map(({ income: _, ...rest }) => rest));
    const report = checkBatch(baseline, table);
    expect(report.violations).toEqual([
      { feature_name: 'income', constraint_check_type: 'missing_column_check', description: "the baseline has a column 'income' that batch.csv lacks; the model cannot predict rows without it" },
    ]);
    expect(report.features.map((f) => f.feature).sort()).toEqual(['age', 'colour', 'flag', 'score']);
  });

  it('an extra column is an extra_column_check, but not a column the model ignored in training', () => {
    const table = batchCsv((rows) => rows.map((r, i) => ({ ...r, notes: `n${i}`, id: String(i) })));
    expect(checkBatch({ ...baseline, ignored: ['id'] }, table).violations).toEqual([
      { feature_name: 'notes', constraint_check_type: 'extra_column_check', description: "the batch has a column 'notes' that the baseline does not; the model ignores it" },
    ]);
  });

  it('text in a numeric column (the parser makes it categorical) is a data_type_check', () => {
    const table = batchCsv((rows) => rows.map((r, i) => (i % 10 === 0 ? { ...r, age: i % 20 === 0 ? 'unknown' : 'n/a?' } : r)));
    expect(table.columns.find((c) => c.name === 'age')!.type).toBe('categorical');
    const report = checkBatch(baseline, table);
    expect(report.violations.map((v) => [v.feature_name, v.constraint_check_type])).toEqual([['age', 'data_type_check']]);
    expect(report.violations[0].description).toBe(
      "30 of 300 values are not numbers ('unknown' (15), 'n/a?' (15)) but the baseline's type is Integral; they are left out of the drift scores",
    );
    // The 270 numbers are still compared with the baseline.
    const age = report.features.find((f) => f.feature === 'age')!;
    expect(age.histogram.batch.reduce((s, v) => s + v, 0)).toBe(270);
    expect(age.drifted).toBe(false);
  });

  it('missing values beyond the baseline completeness are a completeness_check', () => {
    const table = batchCsv((rows) => rows.map((r, i) => (i % 5 === 0 ? { ...r, score: '' } : r)));
    expect(checks(table)).toEqual([['score', 'completeness_check']]);
    expect(checkBatch(baseline, table).violations[0].description).toBe('80.0% of rows have a value (60 missing of 300); the baseline had 100.0%');
  });

  it('a value outside a text domain is a categorical_values_check', () => {
    const table = batchCsv((rows) => rows.map((r, i) => (i < 4 ? { ...r, colour: 'orange' } : r)));
    const report = checkBatch(baseline, table);
    expect(report.violations).toEqual([
      { feature_name: 'colour', constraint_check_type: 'categorical_values_check', description: "4 of 300 values are not in the baseline's domain: 'orange' (4)" },
    ]);
  });

  it('a different label set in a labelled batch is named as classes the model never saw', () => {
    const table = batchCsv((rows) => rows.map((r, i) => (i % 3 === 0 ? { ...r, y: 'maybe' } : r)));
    const report = checkBatch(baseline, table, { predictions: predict(table) });
    expect(report.violations).toEqual([
      {
        feature_name: 'y',
        constraint_check_type: 'categorical_values_check',
        description: "the batch's labels include classes the model was never trained on: 'maybe' (100 rows); it cannot predict them, so retrain with labelled examples of them",
      },
    ]);
    // The metric is measured on the 200 rows with known labels.
    expect(report.concept!.batch).toBeGreaterThan(0.99);
  });

  it('a labelled batch lacking a class its training share makes common is a categorical_values_check on the label', () => {
    const shares = baseline.classCounts!;
    const yes = shares.yes / (shares.yes + shares.no);
    const onlyNo = batchCsv((rows) => rows.filter((r) => r.y === 'no'));
    const n = onlyNo.rowCount;
    const report = checkBatch(baseline, onlyNo, { predictions: predict(onlyNo) });
    // (Keeping only 'no' rows also shifts score and age, which y depends on: those drift too.)
    expect(report.violations.filter((v) => v.feature_name === 'y')).toEqual([
      {
        feature_name: 'y',
        constraint_check_type: 'categorical_values_check',
        description: `the batch's ${n} labelled rows have no 'yes' (about ${Math.round(yes * n)} expected from training); its metric says nothing about them, and a model retrained on this batch alone would not learn them`,
      },
    ]);
    expect(report.retrainReasons).toContain("the 'y' classes differ from training");
    // Four rows of a 2000-row training set's majority class: too few to expect every class.
    const few = batchCsv((rows) => rows.filter((r) => r.y === 'no').slice(0, 4));
    expect(checks(few, { predictions: predict(few) }).filter(([f]) => f === 'y')).toEqual([]);
  });

  it('reads baselines written before classCounts existed, without the absent-class check', () => {
    const old = { ...baseline, classCounts: null };
    const onlyNo = batchCsv((rows) => rows.filter((r) => r.y === 'no'));
    expect(checkBatch(old, onlyNo).violations.filter((v) => v.feature_name === 'y')).toEqual([]);
  });

  it('an empty file or a header without rows is a clear KilnError', () => {
    expect(() => parseCsv(readFileSync(new URL('../../fixtures/empty.csv', import.meta.url), 'utf8'), 'empty.csv')).toThrow('empty.csv: the file is empty');
    const empty: Table = { source: 'empty.csv', rowCount: 0, columns: [], warnings: [] };
    let error: unknown;
    try {
      checkBatch(baseline, empty);
    } catch (e) {
      error = e;
    }
    expect(isKilnError(error)).toBe(true);
    expect((error as KilnError).message).toBe('empty.csv: the batch has no data rows; give a CSV with a header row and at least one row of data');
  });

  it('a labelled batch whose accuracy falls shows concept drift against the baseline and the goal', () => {
    const table = batchCsv();
    const truth = predict(table);
    const wrong = truth.map((p, i) => (i % 4 === 0 ? (p === 'yes' ? 'no' : 'yes') : p));
    const report = checkBatch(baseline, table, { predictions: wrong });
    expect(report.concept).toMatchObject({ metric: 'accuracy', baseline: 0.92, target: 0.9, higherIsBetter: true, drifted: true, missesGoal: true });
    expect(report.concept!.batch).toBeCloseTo(0.75, 1);
    expect(report.retrainAdvised).toBe(true);
  });
});
