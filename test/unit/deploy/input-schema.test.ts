import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { inputSchema } from '../../../src/core/deploy/input-schema.ts';
import { onnxInputs } from '../../../src/core/deploy/onnx/inputs.ts';
import { fitSteps } from '../../../src/core/prepare/steps/fit.ts';
import { prepareSchema } from '../../../src/core/prepare/steps/schema.ts';

const table = parseCsv('size,colour,y\n1,red,a\n5,blue,b\n3,red,a\n,,b\n100,green,a\n', 'mini.csv');

describe('inputSchema', () => {
  it('measures the training rows only: numeric range, categories by frequency', () => {
    expect(inputSchema(table, ['size', 'colour'], [0, 1, 2, 3])).toEqual([
      { name: 'size', type: 'numeric', min: 1, max: 5 },
      { name: 'colour', type: 'categorical', categories: ['red', 'blue'] },
    ]);
  });

  it('gives a numeric column with no training values no range', () => {
    expect(inputSchema(table, ['size'], [3])).toEqual([{ name: 'size', type: 'numeric', min: null, max: null }]);
  });

  it('appends categories the steps name but training never saw, so they have an index', () => {
    const steps = prepareSchema.parse([
      { op: 'impute', columns: ['colour'], strategy: 'constant', value: 'none' },
      { op: 'ordinal', column: 'colour', order: ['none', 'red', 'blue', 'purple'] },
    ]);
    const fitted = fitSteps(table, steps, [0, 1, 2, 3], { label: 'y' });
    const [colour] = inputSchema(table, ['colour'], [0, 1, 2, 3], fitted);
    expect(colour).toEqual({ name: 'colour', type: 'categorical', categories: ['red', 'blue', 'none', 'purple'] });
  });

  it('names a missing column', () => {
    expect(() => inputSchema(table, ['weight'], [0])).toThrow("mini.csv: input column 'weight' not found");
  });
});

describe('onnxInputs', () => {
  it('sends numbers raw, categories by index (-1 unseen), missing as NaN', () => {
    const schema = inputSchema(table, ['size', 'colour'], [0, 1, 2, 3]);
    const got = onnxInputs(schema, [
      { size: '1.5', colour: 'blue' },
      { size: null, colour: 'purple' },
      { size: 7, colour: null },
      { size: 'NA', colour: ' red ' },
    ]);
    expect(Array.from(got)).toEqual([1.5, 1, NaN, -1, 7, NaN, NaN, 0]);
    expect(() => onnxInputs(schema, [{ size: 'big', colour: 'red' }])).toThrow("column 'size': 'big' is not a number");
  });
});
