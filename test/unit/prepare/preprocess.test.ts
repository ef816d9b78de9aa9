import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { cellText } from '../../../src/core/collect/table.ts';
import {
  decodeLabel,
  encodeFeatures,
  encodeLabels,
  encodeRecord,
  featureNames,
  fitPreprocessor,
  rowsWithLabel,
  type Preprocessor,
} from '../../../src/core/prepare/preprocess.ts';

const csv = `x,island,c,y
1,Biscoe,5,a
2,Dream,5,b
3,Biscoe,5,a
NA,,5,b
100,Torgersen,5,a
4,Dream,5,
`;
const table = parseCsv(csv, 'pen.csv');
const train = [0, 1, 2, 3];
const sd = Math.sqrt(2 / 3); // population std of 1, 2, 3
const f32 = (xs: number[]) => Array.from(Float32Array.from(xs));

describe('fitPreprocessor', () => {
  const pre = fitPreprocessor(table, { label: 'y', task: 'classification' }, train);

  it('fits encoders on the training rows only', () => {
    expect(pre).toEqual({
      version: 1,
      features: [
        { kind: 'numeric', name: 'x', fill: 2, mean: 2, std: sd },
        // Torgersen only appears in row 4, outside the training rows.
        { kind: 'onehot', name: 'island', categories: ['Biscoe', 'Dream'], fill: 'Biscoe' },
        { kind: 'numeric', name: 'c', fill: 5, mean: 5, std: 1 },
      ],
      label: { kind: 'classes', name: 'y', classes: ['a', 'b'] },
      width: 4,
    });
    expect(featureNames(pre)).toEqual(['x', 'island=Biscoe', 'island=Dream', 'c']);
  });

  it('a value only in non-train rows changes nothing', () => {
    const other = parseCsv(csv.replace('100,Torgersen', '-7,Dream'), 'pen.csv');
    expect(fitPreprocessor(other, { label: 'y', task: 'classification' }, train)).toEqual(pre);
  });

  it('encodes with fills, zeros for constant columns and unseen categories', () => {
    const m = encodeFeatures(pre, table, [0, 3, 4]);
    expect(m).toBeInstanceOf(Float32Array);
    expect(Array.from(m)).toEqual(
      f32([
        ...[-1 / sd, 1, 0, 0], // row 0: x=1, Biscoe
        ...[0, 1, 0, 0], // row 3: x missing → median 2, island missing → mode Biscoe
        ...[98 / sd, 0, 0, 0], // row 4: Torgersen unseen → all zeros
      ]),
    );
    expect(m.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('encodeRecord matches encodeFeatures row by row', () => {
    for (let row = 0; row < table.rowCount; row++) {
      const record = Object.fromEntries(table.columns.map((c) => [c.name, cellText(c, row)]));
      expect(Array.from(encodeRecord(pre, record)), `row ${row}`).toEqual(Array.from(encodeFeatures(pre, table, [row])));
    }
    expect(Array.from(encodeRecord(pre, { x: 3, island: ' Dream ', c: '5' }))).toEqual(f32([1 / sd, 0, 1, 0]));
    expect(Array.from(encodeRecord(pre, { x: 'NA' }))).toEqual(f32([0, 1, 0, 0]));
    expect(() => encodeRecord(pre, { x: 'abc' })).toThrow("column 'x': 'abc' is not a number");
  });

  it('survives a JSON round trip with identical encodings', () => {
    const copy = JSON.parse(JSON.stringify(pre)) as Preprocessor;
    expect(copy).toEqual(pre);
    const rows = [0, 1, 2, 3, 4, 5];
    expect(encodeFeatures(copy, table, rows)).toEqual(encodeFeatures(pre, table, rows));
    expect(encodeLabels(copy, table, rows)).toEqual(encodeLabels(pre, table, rows));
  });

  it('encodes and decodes class labels', () => {
    expect(Array.from(encodeLabels(pre, table, [0, 1, 4, 5]))).toEqual([0, 1, 0, NaN]);
    expect(decodeLabel(pre, 0)).toBe('a');
    expect(decodeLabel(pre, 1)).toBe('b');
    const unseen = parseCsv('x,island,c,y\n1,Biscoe,5,zebra\n', 'new.csv');
    expect(Array.from(encodeLabels(pre, unseen, [0]))).toEqual([-1]);
  });

  it('encodes a numeric column that new data typed as text', () => {
    const fresh = parseCsv('x,island,c,y\n3,Dream,5,a\nNA,Dream,oops,b\n', 'new.csv');
    expect(Array.from(encodeFeatures(pre, fresh, [0]))).toEqual(f32([1 / sd, 0, 1, 0]));
    expect(() => encodeFeatures(pre, fresh, [1])).toThrow("new.csv, column 'c': 'oops' is not a number");
  });
});

describe('labels', () => {
  it('sorts numeric class names numerically and uses their text', () => {
    const t = parseCsv('f,y\n1,10\n2,9\n3,10\n4,2\n', 'n.csv');
    const pre = fitPreprocessor(t, { label: 'y', task: 'classification' }, [0, 1, 2, 3]);
    expect(pre.label).toEqual({ kind: 'classes', name: 'y', classes: ['2', '9', '10'] });
    expect(Array.from(encodeLabels(pre, t, [0, 1, 2, 3]))).toEqual([2, 1, 2, 0]);
  });

  it('sorts text classes alphabetically', () => {
    const t = parseCsv('f,y\n1,pear\n2,apple\n3,fig\n', 't.csv');
    const pre = fitPreprocessor(t, { label: 'y', task: 'classification' }, [0, 1, 2]);
    expect(pre.label).toEqual({ kind: 'classes', name: 'y', classes: ['apple', 'fig', 'pear'] });
  });

  it('standardises a regression target and decodes it back', () => {
    const t = parseCsv('f,y\n1,10\n2,20\n3,30\n4,1000\n', 'r.csv');
    const pre = fitPreprocessor(t, { label: 'y', task: 'regression' }, [0, 1, 2]);
    const s = Math.sqrt(200 / 3);
    expect(pre.label).toEqual({ kind: 'target', name: 'y', mean: 20, std: s });
    expect(Array.from(encodeLabels(pre, t, [0, 1, 2]))).toEqual(f32([-10 / s, 0, 10 / s]));
    expect(decodeLabel(pre, 0)).toBe('20');
    expect(decodeLabel(pre, 10 / s)).toBe('30');
  });

  it('a constant regression target gets std 1', () => {
    const t = parseCsv('f,y\n1,7\n2,7\n', 'c.csv');
    const pre = fitPreprocessor(t, { label: 'y', task: 'regression' }, [0, 1]);
    expect(pre.label).toEqual({ kind: 'target', name: 'y', mean: 7, std: 1 });
    expect(Array.from(encodeLabels(pre, t, [0, 1]))).toEqual([0, 0]);
  });
});

describe('errors', () => {
  const fit = (opts: { label: string; features?: string[]; task: 'classification' | 'regression' }, rows = train) =>
    fitPreprocessor(table, opts, rows);

  it('names the missing label or feature and the columns that exist', () => {
    expect(() => fit({ label: 'z', task: 'classification' })).toThrow(
      "pen.csv: label column 'z' not found; columns are x, island, c, y",
    );
    expect(() => fit({ label: 'y', features: ['x', 'q'], task: 'classification' })).toThrow(
      "pen.csv: feature column 'q' not found; columns are x, island, c, y",
    );
  });

  it('rejects the label listed as a feature, and leaves it out when features are defaulted', () => {
    expect(() => fit({ label: 'y', features: ['x', 'y'], task: 'classification' })).toThrow(
      "pen.csv: column 'y' is the label, so it cannot also be a feature",
    );
    expect(fit({ label: 'x', task: 'regression' }).features.map((f) => f.name)).toEqual(['island', 'c', 'y']);
  });

  it('uses only the listed features, in order', () => {
    const pre = fit({ label: 'y', features: ['c', 'x'], task: 'classification' });
    expect(featureNames(pre)).toEqual(['c', 'x']);
    expect(pre.width).toBe(2);
  });

  it('needs two classes among the training rows', () => {
    expect(() => fit({ label: 'y', task: 'classification' }, [0, 2])).toThrow(
      "pen.csv, column 'y': label 'y' has only one class ('a'); a classifier needs at least two",
    );
  });

  it('needs a numeric label for regression', () => {
    expect(() => fit({ label: 'island', task: 'regression' })).toThrow(
      "pen.csv, column 'island': label 'island' is not numeric (e.g. 'Biscoe'), so it cannot be a regression target; use classification",
    );
  });

  it('rowsWithLabel drops rows whose label is missing', () => {
    expect(rowsWithLabel(table, 'y')).toEqual([0, 1, 2, 3, 4]);
    expect(rowsWithLabel(table, 'x')).toEqual([0, 1, 2, 4, 5]);
    expect(() => rowsWithLabel(table, 'nope')).toThrow("label column 'nope' not found");
  });
});
