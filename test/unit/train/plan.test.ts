import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { cellText, findColumn, type NumericColumn, type Table } from '../../../src/core/collect/table.ts';
import { KilnError } from '../../../src/core/errors.ts';
import { defaultSpec, validateSpec } from '../../../src/core/spec/validate.ts';
import type { PipelineSpec, PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { planRun, tableAugmentWarning } from '../../../src/core/train/plan.ts';

const irisText = readFileSync(new URL('../../../public/data/iris.csv', import.meta.url), 'utf8');
const iris = parseCsv(irisText, 'iris.csv');
const featureColumns = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

function specFor(input: Omit<PipelineSpecInput, 'version'>): PipelineSpec {
  const result = validateSpec({ version: 1, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

function numeric(table: Table, name: string): NumericColumn {
  const column = findColumn(table, name);
  if (column?.type !== 'numeric') throw new Error(`${name} is not a numeric column`);
  return column;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('planRun on iris', () => {
  const plan = planRun(defaultSpec('iris.csv', 'species'), iris);

  it('detects classification and sorts the classes', () => {
    expect(plan.task).toBe('classification');
    expect(plan.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(plan.pre.label).toEqual({ kind: 'classes', name: 'species', classes: ['setosa', 'versicolor', 'virginica'] });
  });

  it('splits 150 rows 105/22/23 with the default ratios, every row exactly once', () => {
    const { train, validation, test } = plan.split;
    expect([train.length, validation.length, test.length]).toEqual([105, 22, 23]);
    const all = [...train, ...validation, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  it('stratifies the training rows: 35 of each species', () => {
    const species = findColumn(iris, 'species')!;
    const counts: Record<string, number> = {};
    for (const r of plan.split.train) counts[cellText(species, r)!] = (counts[cellText(species, r)!] ?? 0) + 1;
    expect(counts).toEqual({ setosa: 35, versicolor: 35, virginica: 35 });
  });

  it('uses every column but the label as a numeric feature', () => {
    expect(plan.pre.features.map((f) => [f.kind, f.name])).toEqual(featureColumns.map((n) => ['numeric', n]));
    expect(plan.pre.width).toBe(4);
  });

  it('fits the scaling on the training rows only', () => {
    for (const f of plan.pre.features) {
      if (f.kind !== 'numeric') throw new Error(`${f.name} should be numeric`);
      const values = numeric(iris, f.name).values;
      const trainValues = plan.split.train.map((r) => values[r]);
      const trainMean = mean(trainValues);
      const trainStd = Math.sqrt(mean(trainValues.map((v) => (v - trainMean) ** 2)));
      expect(f.mean).toBeCloseTo(trainMean, 12);
      expect(f.std).toBeCloseTo(trainStd, 12);
    }
    // Guards the comparison above: on this split the all-rows mean differs, so a leak would show.
    const sepal = plan.pre.features[0];
    const allRowsMean = mean(Array.from(numeric(iris, 'sepal_length').values));
    expect(sepal.kind === 'numeric' ? Math.abs(sepal.mean - allRowsMean) : 0).toBeGreaterThan(1e-3);
  });

  it('gives the same split for the same seed and a different one for another seed', () => {
    expect(planRun(defaultSpec('iris.csv', 'species'), iris).split).toEqual(plan.split);
    const other = planRun(specFor({ seed: 7, data: { source: 'iris.csv', label: 'species' } }), iris);
    expect(other.split.test).not.toEqual(plan.split.test);
    // split.seed wins over the top-level seed.
    const pinned = planRun(specFor({ seed: 7, split: { seed: 42 }, data: { source: 'iris.csv', label: 'species' } }), iris);
    expect(pinned.split).toEqual(plan.split);
  });

  it('uses only the listed features when data.features is given', () => {
    const spec = specFor({ data: { source: 'iris.csv', label: 'species', features: ['petal_width', 'petal_length'] } });
    expect(planRun(spec, iris).pre.features.map((f) => f.name)).toEqual(['petal_width', 'petal_length']);
  });

  it('throws a KilnError listing the columns when the label does not exist', () => {
    const run = () => planRun(defaultSpec('iris.csv', 'kind'), iris);
    expect(run).toThrow(KilnError);
    expect(run).toThrow(
      "iris.csv: label column 'kind' not found; columns are sepal_length, sepal_width, petal_length, petal_width, species",
    );
  });

  it('refuses a text label as a regression target', () => {
    const spec = specFor({ task: 'regression', data: { source: 'iris.csv', label: 'species' } });
    expect(() => planRun(spec, iris)).toThrow(KilnError);
    expect(() => planRun(spec, iris)).toThrow("label 'species' is not numeric (e.g. 'setosa')");
  });
});

describe('planRun on a regression table', () => {
  // y = 2x + 1 on 40 evenly spaced x values.
  const lines = ['x,y', ...Array.from({ length: 40 }, (_, i) => `${i * 0.5},${2 * i * 0.5 + 1}`)];
  const table = parseCsv(lines.join('\n') + '\n', 'line.csv');
  const plan = planRun(defaultSpec('line.csv', 'y'), table);

  it('detects regression and standardises the target on the training rows', () => {
    expect(plan.task).toBe('regression');
    expect(plan.classes).toBeUndefined();
    const y = numeric(table, 'y').values;
    const trainY = plan.split.train.map((r) => y[r]);
    const m = mean(trainY);
    expect(plan.pre.label.kind).toBe('target');
    if (plan.pre.label.kind !== 'target') return;
    expect(plan.pre.label.name).toBe('y');
    expect(plan.pre.label.mean).toBeCloseTo(m, 12);
    expect(plan.pre.label.std).toBeCloseTo(Math.sqrt(mean(trainY.map((v) => (v - m) ** 2))), 12);
  });

  it('splits 40 rows 28/6/6 and keeps x as the only feature', () => {
    expect([plan.split.train.length, plan.split.validation.length, plan.split.test.length]).toEqual([28, 6, 6]);
    expect(plan.pre.features.map((f) => f.name)).toEqual(['x']);
  });
});

describe('planRun with a class no training row has', () => {
  const spec = specFor({ data: { source: 'iris.csv', label: 'species' } });
  const upTo = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  it('refuses the run before training, naming the class, the split part and the row count', () => {
    // Iris rows 100..149 are virginica: put every one of them in test.
    const split = { train: upTo(0, 90), validation: upTo(90, 100), test: upTo(100, 150) };
    expect(() => planRun(spec, iris, { split })).toThrow(
      "iris.csv, column 'species': class 'virginica' of label 'species' is in 50 test rows of this fold but in no training row, " +
        'so the model cannot learn it; give it more rows, use a stratified split or fewer folds, or remove those rows',
    );
  });

  it('checks validation before test', () => {
    const split = { train: upTo(0, 95), validation: upTo(95, 140), test: upTo(140, 150) };
    expect(() => planRun(spec, iris, { split })).toThrow("class 'virginica' of label 'species' is in 40 validation rows of this fold");
  });

  it('accepts a split where every class is trained on', () => {
    expect(planRun(spec, iris).classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });
});

describe('planRun with augmentation on', () => {
  it('warns that a table is not augmented, and only then', () => {
    const on = specFor({ data: { source: 'iris.csv', label: 'species' }, augment: { enabled: true } });
    expect(planRun(on, iris).warnings).toEqual([tableAugmentWarning]);
    expect(planRun(specFor({ data: { source: 'iris.csv', label: 'species' } }), iris).warnings).toEqual([]);
  });
});

