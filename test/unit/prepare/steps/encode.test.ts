import { describe, expect, it } from 'vitest';
import type { Table } from '../../../../src/core/collect/table.ts';
import { col, csv, errorOf, names, run } from './helpers.ts';

// Rows 0-5 train: red ×3, blue ×2, green ×1. Row 6 (purple) is unseen; row 7 is missing.
const colors = csv(`color,n
red,1
blue,2
red,3
green,4
blue,5
red,6
purple,7
,8
`);
const train = [0, 1, 2, 3, 4, 5];

/** A one-column table whose column is categorical whatever its values look like. */
function categoricalTable(name: string, categories: string[], codes: number[]): Table {
  const column = { name, type: 'categorical' as const, categories, codes: Int32Array.from(codes) };
  return { source: 't', rowCount: codes.length, warnings: [], columns: [column] };
}

describe('onehot', () => {
  it('replaces the column in place with <col>=<value> columns plus <col>=other', () => {
    const { fitted, out } = run(colors, [{ op: 'onehot' }], train);
    expect(fitted).toEqual([{ op: 'onehot', columns: { color: ['red', 'blue', 'green'] } }]);
    expect(names(out)).toEqual(['color=red', 'color=blue', 'color=green', 'color=other', 'n']);
    expect(col(out, 'color=red')).toEqual([1, 0, 1, 0, 0, 1, 0, 0]);
    expect(col(out, 'color=green')).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
    // Unseen purple → other; missing sets no column at all.
    expect(col(out, 'color=other')).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('maxCategories keeps the most frequent; the rest share other', () => {
    const { fitted, out } = run(colors, [{ op: 'onehot', maxCategories: 2 }], train);
    expect(fitted[0]).toEqual({ op: 'onehot', columns: { color: ['red', 'blue'] } });
    expect(col(out, 'color=other')).toEqual([0, 0, 0, 1, 0, 0, 1, 0]);
  });

  it('minFrequency is a count, or a fraction of training rows below 1', () => {
    expect(run(colors, [{ op: 'onehot', minFrequency: 2 }], train).fitted[0]).toMatchObject({ columns: { color: ['red', 'blue'] } });
    // 0.4 × 6 training rows = 2.4, which only red (3) reaches.
    expect(run(colors, [{ op: 'onehot', minFrequency: 0.4 }], train).fitted[0]).toMatchObject({ columns: { color: ['red'] } });
  });

  it('a kept category called other shares the bucket instead of clashing with it', () => {
    const t = csv('c\nother\nother\nx\n');
    const { out } = run(t, [{ op: 'onehot', maxCategories: 1 }]);
    expect(names(out)).toEqual(['c=other']);
    expect(col(out, 'c=other')).toEqual([1, 1, 1]);
  });

  it('a category only in non-training rows is not kept', () => {
    expect(run(colors, [{ op: 'onehot' }], [0, 1, 2]).fitted[0]).toMatchObject({ columns: { color: ['red', 'blue'] } });
  });

  it('a numeric column is an error suggesting a cast', () => {
    expect(errorOf(() => run(colors, [{ op: 'onehot', columns: ['n'] }]))).toContain(
      "onehot needs a categorical column, but 'n' is numeric; add {op:'cast', column:'n', type:'categorical'} before it",
    );
  });

  it('leaves the label alone by default and refuses it when named', () => {
    const t = csv('a,y\nu,p\nv,q\n');
    expect(run(t, [{ op: 'onehot' }], [0, 1], { label: 'y' }).fitted[0]).toEqual({ op: 'onehot', columns: { a: ['u', 'v'] } });
    expect(errorOf(() => run(t, [{ op: 'onehot', columns: ['y'] }], [0, 1], { label: 'y' }))).toContain(
      "onehot cannot use the label 'y': steps never change the label, and it is not known when predicting",
    );
  });
});

describe('ordinal', () => {
  const sizes = csv('size\nS\nL\nM\nS\nXL\nNA\n');
  it('numbers values by their position in order; values not listed become missing', () => {
    const { fitted, out } = run(sizes, [{ op: 'ordinal', column: 'size', order: ['S', 'M', 'L'] }], [0, 1, 2, 3]);
    expect(fitted).toEqual([{ op: 'ordinal', column: 'size', order: ['S', 'M', 'L'] }]);
    expect(col(out, 'size')).toEqual([0, 2, 1, 0, null, null]);
  });

  it('a training value missing from order is an error naming its line', () => {
    expect(errorOf(() => run(sizes, [{ op: 'ordinal', column: 'size', order: ['S', 'M', 'L'] }]))).toBe(
      "data.csv line 6, column 'size' prepare.0: value 'XL' is not in the ordinal order (S, M, L); add it to order",
    );
  });

  it('without order, training values are sorted (numbers numerically)', () => {
    expect(run(sizes, [{ op: 'ordinal', column: 'size' }], [0, 1, 2]).fitted[0]).toMatchObject({ order: ['L', 'M', 'S'] });
    const grades = categoricalTable('g', ['10', '9', '2'], [0, 1, 2]);
    expect(run(grades, [{ op: 'ordinal', column: 'g' }]).fitted[0]).toMatchObject({ order: ['2', '9', '10'] });
  });
});

describe('cast', () => {
  it('numeric → categorical writes each number as text', () => {
    const { fitted, out } = run(csv('zip\n2134\n90210\nNA\n'), [{ op: 'cast', column: 'zip', type: 'categorical' }]);
    expect(fitted).toEqual([{ op: 'cast', column: 'zip', type: 'categorical', from: 'numeric' }]);
    expect(out.columns[0].type).toBe('categorical');
    expect(col(out, 'zip')).toEqual(['2134', '90210', null]);
  });

  it('categorical → numeric parses number text', () => {
    // The CSV reader would type this column numeric, so it is built by hand.
    const t = categoricalTable('v', ['1', '2.5'], [0, 1, -1]);
    const { out } = run(t, [{ op: 'cast', column: 'v', type: 'numeric' }]);
    expect(out.columns[0].type).toBe('numeric');
    expect(col(out, 'v')).toEqual([1, 2.5, null]);
  });

  it('text that is not a number cannot become numeric', () => {
    expect(errorOf(() => run(csv('v\n1\n2\nabc\n'), [{ op: 'cast', column: 'v', type: 'numeric' }]))).toBe(
      "data.csv line 4, column 'v' prepare.0: 'abc' is not a number",
    );
  });
});
