import { describe, expect, it } from 'vitest';
import { featureNames, fitPreprocessor } from '../../../../src/core/prepare/preprocess.ts';
import { rowRecord } from '../../../../src/core/prepare/steps/columns.ts';
import { applyFitted, applyFittedToRecord, fitSteps, inputColumns } from '../../../../src/core/prepare/steps/fit.ts';
import type { PrepareStepInput } from '../../../../src/core/prepare/steps/schema.ts';
import { col, csv, errorOf, names, run, steps, upTo } from './helpers.ts';

// Rows 0-5 train; row 6 holds values (weight 120, island Mars, size XL) seen nowhere in training.
const text = `id,weight,height,island,size,y
1,81,180,Biscoe,S,a
2,64,160,Dream,M,b
3,NA,170,Dream,L,a
4,90,175,Biscoe,M,b
5,70,NA,Torgersen,S,a
6,55,150,Dream,NA,b
7,120,190,Mars,XL,a
`;
const table = csv(text);
const train = upTo(6);
const chain: PrepareStepInput[] = [
  { op: 'drop', columns: ['id'] },
  { op: 'impute', indicator: true },
  { op: 'derive', name: 'bmi', expression: 'weight / (height/100)^2' },
  { op: 'transform', column: 'bmi', fn: 'log', as: 'log_bmi' },
  { op: 'bin', column: 'height', bins: 2, as: 'tall' },
  { op: 'onehot', columns: ['island'], maxCategories: 2 },
  { op: 'ordinal', column: 'size', order: ['S', 'M', 'L'] },
  { op: 'clip', columns: ['weight'], lower: 0, upper: 1 },
  { op: 'scale', method: 'minmax' },
];
const fit = () => fitSteps(table, steps(...chain), train, { label: 'y' });

describe('fitSteps', () => {
  const fitted = fit();

  it('fits each step on the training rows of the previous step’s output', () => {
    expect(fitted.slice(0, 7)).toEqual([
      { op: 'drop', columns: ['id'] },
      // Medians of 81, 64, 90, 70, 55 and of 180, 160, 170, 175, 150.
      { op: 'impute', strategy: 'median', fill: { weight: 70, height: 170 }, indicator: true },
      { op: 'derive', name: 'bmi', expression: 'weight / (height/100)^2' },
      { op: 'transform', column: 'bmi', fn: 'log', as: 'log_bmi' },
      // Median of the imputed heights 180, 160, 170, 175, 170, 150.
      { op: 'bin', column: 'height', as: 'tall', edges: [170] },
      { op: 'onehot', columns: { island: ['Dream', 'Biscoe'] } },
      { op: 'ordinal', column: 'size', order: ['S', 'M', 'L'] },
    ]);
    // Clip bounds are the training min and max of the imputed weights: 120 (test only) is not among them.
    expect(fitted[7]).toEqual({ op: 'clip', columns: { weight: { min: 55, max: 90 } } });
    const scale = fitted[8] as { columns: Record<string, { center: number; scale: number }> };
    expect(Object.keys(scale.columns)).toEqual([
      'weight',
      'weight_was_missing',
      'height',
      'tall',
      'height_was_missing',
      'island=Dream',
      'island=Biscoe',
      'island=other',
      'size',
      'bmi',
      'log_bmi',
    ]);
    expect(scale.columns.weight).toEqual({ center: 55, scale: 35 });
    expect(scale.columns.size).toEqual({ center: 0, scale: 2 });
  });

  it('applyFitted gives a new table ready for fitPreprocessor; the input is untouched', () => {
    const before = JSON.stringify(upTo(7).map((i) => rowRecord(table, i)));
    const out = applyFitted(table, fitted);
    expect(JSON.stringify(upTo(7).map((i) => rowRecord(table, i)))).toBe(before);
    expect(out.rowCount).toBe(7);
    expect(col(out, 'weight')).toEqual([26 / 35, 9 / 35, 15 / 35, 1, 15 / 35, 0, 1]);
    expect(col(out, 'island=other')).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(col(out, 'size')).toEqual([0, 0.5, 1, 0.5, 0, null, null]);
    const pre = fitPreprocessor(out, { label: 'y', task: 'classification' }, train);
    expect(featureNames(pre)).toEqual(names(out).filter((n) => n !== 'y'));
  });

  it('values only in non-training rows do not change any fitted parameter', () => {
    const other = csv(text.replace('7,120,190,Mars,XL,a', '7,9999,1,Zzz,S,b'));
    expect(fitSteps(other, steps(...chain), train, { label: 'y' })).toEqual(fitted);
  });

  it('a JSON round trip gives identical output', () => {
    const revived = JSON.parse(JSON.stringify(fitted));
    expect(revived).toEqual(fitted);
    const a = applyFitted(table, fitted);
    const b = applyFitted(table, revived);
    expect(upTo(7).map((i) => rowRecord(b, i))).toEqual(upTo(7).map((i) => rowRecord(a, i)));
  });

  it('stays small enough to read', () => {
    expect(JSON.stringify(fitted).length).toBeLessThan(1200);
  });

  it('inputColumns lists what a prediction form must ask for', () => {
    expect(inputColumns(fitted)).toEqual(['weight', 'height', 'island', 'size']);
    // With the preprocessor's features: made columns are not asked for, untouched ones are.
    expect(inputColumns(fitted, ['weight', 'island=Dream', 'bmi', 'age'])).toEqual(['weight', 'height', 'island', 'size', 'age']);
  });

  it('names the step path when a step fails', () => {
    expect(errorOf(() => fitSteps(table, steps({ op: 'scale' }, { op: 'drop', columns: ['nope'] }), train))).toBe(
      'data.csv, prepare.1: column \'nope\' not found; columns are id, weight, height, island, size, y',
    );
  });

  it('refuses to change the label', () => {
    expect(errorOf(() => fitSteps(table, steps({ op: 'drop', columns: ['y'] }), train, { label: 'y' }))).toContain(
      "drop cannot use the label 'y'",
    );
  });
});

describe('applyFittedToRecord', () => {
  const fitted = fit();
  const out = applyFitted(table, fitted);

  it('equals applyFitted for every row, given numbers', () => {
    for (const i of upTo(7)) expect(applyFittedToRecord(fitted, rowRecord(table, i))).toEqual(rowRecord(out, i));
  });

  it('equals applyFitted for every row, given text as a form would send it', () => {
    for (const i of upTo(7)) {
      const form = Object.fromEntries(Object.entries(rowRecord(table, i)).map(([k, v]) => [k, v === null ? '' : ` ${v} `]));
      expect(applyFittedToRecord(fitted, form)).toEqual(rowRecord(out, i));
    }
  });

  it('an unseen category goes to other; absent inputs count as missing', () => {
    const r = applyFittedToRecord(fitted, { island: 'Mars' });
    expect(r).toMatchObject({ 'island=Dream': 0, 'island=Biscoe': 0, 'island=other': 1, weight_was_missing: 1, size: null });
    // Missing weight and height take the training medians, 70 and 170.
    expect(r.weight).toBe((70 - 55) / 35);
    expect(r).not.toHaveProperty('id');
  });

  it('text in a numeric input is an error naming the column', () => {
    expect(errorOf(() => applyFittedToRecord(fitted, { weight: 'heavy' }))).toBe("column 'weight': 'heavy' is not a number");
  });
});

describe('cast inside a chain', () => {
  it('a numeric column cast to categorical reads form text like training numbers', () => {
    const t = csv('zip,v\n2134,1\n90210,2\n2134,3\n');
    const { fitted } = run(t, [{ op: 'cast', column: 'zip', type: 'categorical' }, { op: 'onehot', columns: ['zip'] }]);
    expect(applyFittedToRecord(fitted, { zip: '2134.0' })).toEqual({ 'zip=2134': 1, 'zip=90210': 0, 'zip=other': 0 });
    expect(applyFittedToRecord(fitted, { zip: 2134 })).toEqual({ 'zip=2134': 1, 'zip=90210': 0, 'zip=other': 0 });
  });
});
