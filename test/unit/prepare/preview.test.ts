import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { rowRecord } from '../../../src/core/prepare/steps/columns.ts';
import { applyFitted, fitSteps } from '../../../src/core/prepare/steps/fit.ts';
import { previewPrepare } from '../../../src/core/prepare/preview.ts';
import type { PrepareStepInput } from '../../../src/core/prepare/steps/schema.ts';
import type { PipelineSpec } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { planRun } from '../../../src/core/train/plan.ts';

const iris = parseCsv(readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8'), 'iris.csv');

function specWith(prepare: PrepareStepInput[], extra: object = {}): PipelineSpec {
  const result = validateSpec({ version: 1, data: { source: 'iris.csv', label: 'species' }, prepare, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const area = { op: 'derive', name: 'petal_area', expression: 'petal_length * petal_width' } as const;

describe('previewPrepare', () => {
  it('shows the first rows after a derive + scale chain exactly as applyFitted makes them', () => {
    const spec = specWith([area, { op: 'scale', columns: ['sepal_length', 'petal_area'] }]);
    const preview = previewPrepare(spec, iris, 10);
    // Independently: fit the same steps on the same training rows and apply them.
    const train = planRun(spec, iris).split.train;
    const expected = applyFitted(iris, fitSteps(iris, spec.prepare, train, { label: 'species' }));
    expect(preview.after!.columns).toEqual([...iris.columns.map((c) => c.name), 'petal_area']);
    expect(preview.after!.rows).toHaveLength(10);
    preview.after!.rows.forEach((row, i) => expect(row.cells).toEqual(Object.values(rowRecord(expected, i))));
    expect(preview.before.rows[0]).toMatchObject({ line: 2, cells: [5.1, 3.5, 1.4, 0.2, 'setosa'] });
    expect(preview.added).toEqual(['petal_area']);
    expect(preview.removed).toEqual([]);
    expect(preview.error).toBeNull();
    expect([preview.task, preview.inputWidth]).toEqual(['classification', 5]);
  });

  it('keeps the derived value unscaled when only derive runs: 1.4 × 0.2 on the first row', () => {
    const after = previewPrepare(specWith([area]), iris, 3).after!;
    expect(after.rows[0].cells.at(-1)).toBeCloseTo(0.28, 12);
  });

  it('tags each row with its split, matching the plan', () => {
    const spec = specWith([]);
    const plan = planRun(spec, iris);
    const preview = previewPrepare(spec, iris, 150);
    const train = new Set(plan.split.train);
    preview.after!.rows.forEach((row, i) => expect(row.split === 'train').toBe(train.has(i)));
    expect(preview.after!.rows.filter((r) => r.split === 'test')).toHaveLength(23);
  });

  it('aligns before and after rows when row steps remove some, and counts them per step', () => {
    const t = parseCsv('id,x,y\n1,1,a\n2,1,a\n3,2,b\n4,3,\n5,4,b\n6,5,a\n', 't.csv');
    // Shares that give each split a row of the 4 left (the default 70/15/15 leaves test empty, which planning refuses).
    const result = validateSpec({ version: 1, data: { source: 't.csv', label: 'y' }, split: { train: 0.5, validation: 0.25, test: 0.25 }, prepare: [{ op: 'drop', columns: ['id'] }, { op: 'dropDuplicates' }, { op: 'dropMissingLabel' }] });
    if (!result.ok) throw new Error('bad spec');
    const p = previewPrepare(result.spec, t, 10);
    expect(p.removedRows).toEqual([
      { step: 1, op: 'dropDuplicates', rows: 1 },
      { step: 2, op: 'dropMissingLabel', rows: 1 },
    ]);
    expect([p.rowsBefore, p.rowsAfter]).toEqual([6, 4]);
    expect(p.removed).toEqual(['id']);
    expect(p.before.rows.map((r) => r.line)).toEqual([2, 4, 6, 7]);
    expect(p.after!.rows.map((r) => r.line)).toEqual([2, 4, 6, 7]);
    expect(p.before.rows[1].cells).toEqual([3, 2, 'b']);
    expect(p.after!.rows[1].cells).toEqual([2, 'b']);
  });

  it('points a failing step at itself, with the expression position, and shows the steps before it', () => {
    const spec = specWith([area, { op: 'derive', name: 'bad', expression: 'petal_lenght * 2' }, { op: 'scale' }]);
    const p = previewPrepare(spec, iris, 5);
    expect(p.error).toMatchObject({ step: 1, position: 1, path: 'prepare.1.expression' });
    expect(p.error!.detail).toMatch(/^unknown column 'petal_lenght' at position 1; columns are/);
    expect(p.error!.message).toMatch(/^iris\.csv, prepare\.1\.expression: unknown column/);
    expect(p.after!.columns.at(-1)).toBe('petal_area');
    expect(p.after!.rows[0].cells.at(-1)).toBeCloseTo(0.28, 12);
    // Columns are known up to the failing step, which sees petal_area.
    expect(p.columnsAt).toHaveLength(2);
    expect(p.columnsAt[1]).toContain('petal_area');
  });

  it('lists the columns each step sees, honouring data.features', () => {
    const spec = specWith(
      [{ op: 'drop', columns: ['sepal_width'] }, { op: 'derive', name: 'product', expression: 'sepal_length * petal_length' }, { op: 'dropDuplicates' }, { op: 'onehot', columns: ['species'] }],
      { data: { source: 'iris.csv', label: 'petal_width', features: ['sepal_length', 'sepal_width', 'petal_length', 'species'] } },
    );
    const p = previewPrepare(spec, iris, 2);
    expect(p.error).toBeNull();
    expect(p.columnsAt).toEqual([
      ['sepal_length', 'sepal_width', 'petal_length', 'species', 'petal_width'],
      ['sepal_length', 'petal_length', 'species', 'petal_width'],
      ['sepal_length', 'petal_length', 'species', 'petal_width', 'product'],
      ['sepal_length', 'petal_length', 'species', 'petal_width', 'product'],
      p.after!.columns,
    ]);
    expect(p.after!.columns).toEqual(expect.arrayContaining(['species=setosa', 'species=other', 'petal_width', 'product']));
  });

  it('keeps the file line of a bad cell in a step error', () => {
    const p = previewPrepare(specWith([{ op: 'cast', column: 'species', type: 'numeric' }], { data: { source: 'iris.csv', label: 'petal_width' } }), iris, 5);
    expect(p.error).toMatchObject({ step: 0, detail: "line 2, column 'species': 'setosa' is not a number" });
  });

  it('reports a problem outside the steps without an after table', () => {
    const p = previewPrepare(specWith([], { data: { source: 'iris.csv', label: 'nope' } }), iris, 4);
    expect(p.after).toBeNull();
    expect(p.error).toMatchObject({ message: "iris.csv: label column 'nope' not found; columns are sepal_length, sepal_width, petal_length, petal_width, species" });
    expect(p.error!.step).toBeUndefined();
    expect(p.before.rows).toHaveLength(4);
  });

  it('reads the spec through the schema: an invalid step is named by its path, an invalid split blocks the preview', () => {
    const spec = specWith([area]);
    const badStep = { ...spec, prepare: [...spec.prepare, { op: 'bin', column: 'sepal_width', bins: 1, strategy: 'quantile' }] } as PipelineSpec;
    const p = previewPrepare(badStep, iris, 3);
    expect(p.error).toMatchObject({ step: 1, path: 'prepare.1.bins', detail: 'must be 2 or more' });
    expect(p.after!.columns.at(-1)).toBe('petal_area');
    const badSplit = previewPrepare({ ...spec, split: { ...spec.split, train: 0.9 } }, iris, 3);
    expect(badSplit.error).toMatchObject({ message: 'split: train + validation + test must add up to 1' });
    expect(badSplit.after).toBeNull();
  });

  it('is plain data', () => {
    const p = previewPrepare(specWith([area]), iris, 5);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});
