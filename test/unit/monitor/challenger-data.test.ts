import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { cellText, findColumn } from '../../../src/core/collect/table.ts';
import { appendRows, challengerSplit } from '../../../src/core/monitor/challenger-data.ts';

const base = parseCsv('x,colour,y\n1,red,a\n2,blue,b\n3,red,a\n', 'base.csv');

describe('appendRows', () => {
  it('keeps the base rows and reads the batch cells as the base column types', () => {
    // Batch: x arrives as text (one cell is not a number), a new colour, no y, an extra column.
    const batch = parseCsv('colour,x,extra\ngreen,4.5,1\nred,lots,2\n', 'batch.csv');
    const out = appendRows(base, batch);
    expect(out.rowCount).toBe(5);
    expect(out.columns.map((c) => c.name)).toEqual(['x', 'colour', 'y']);
    const x = findColumn(out, 'x')!;
    expect(x.type).toBe('numeric');
    expect(Array.from({ length: 5 }, (_, i) => cellText(x, i))).toEqual(['1', '2', '3', '4.5', null]);
    const colour = findColumn(out, 'colour')!;
    expect(Array.from({ length: 5 }, (_, i) => cellText(colour, i))).toEqual(['red', 'blue', 'red', 'green', 'red']);
    const y = findColumn(out, 'y')!;
    expect(Array.from({ length: 5 }, (_, i) => cellText(y, i))).toEqual(['a', 'b', 'a', null, null]);
    // The base table is untouched.
    expect(base.rowCount).toBe(3);
    const before = findColumn(base, 'colour')!;
    expect(before.type === 'categorical' ? before.categories : null).toEqual(['red', 'blue']);
  });
});

describe('challengerSplit', () => {
  const champion = { train: [0, 1, 2, 3, 4, 5, 6], validation: [7, 8], test: [9] };
  const ratios = { train: 0.7, validation: 0.15 };
  const batchRows = Array.from({ length: 20 }, (_, i) => 10 + i);

  it('combine: keeps every champion row where it was and shares the batch rows out', () => {
    const s = challengerSplit(champion, batchRows, 'combine', ratios, 42);
    expect(s.test).toEqual([9]);
    expect(s.train.slice(0, 7)).toEqual(champion.train);
    expect(s.validation.slice(0, 2)).toEqual(champion.validation);
    const added = [...s.train.slice(7), ...s.validation.slice(2)].sort((a, b) => a - b);
    expect(added).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
    expect(s.validation.length - 2).toBe(Math.round(20 * (0.15 / 0.85))); // 4
  });

  it('replace: trains on the batch only and tests on the champion test rows', () => {
    const s = challengerSplit(champion, batchRows, 'replace', ratios, 42);
    expect(s.test).toEqual([9]);
    expect([...s.train, ...s.validation].every((r) => r >= 10)).toBe(true);
    expect(s.train.length + s.validation.length).toBe(20);
  });

  it('is the same for the same seed and differs for another', () => {
    const a = challengerSplit(champion, batchRows, 'replace', ratios, 1);
    expect(challengerSplit(champion, batchRows, 'replace', ratios, 1)).toEqual(a);
    expect(challengerSplit(champion, batchRows, 'replace', ratios, 2).validation).not.toEqual(a.validation);
  });
});
