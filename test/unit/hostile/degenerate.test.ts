import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { findColumn } from '../../../src/core/collect/table.ts';
import { csvWriteOptions, formulaCell } from '../../../src/core/deploy/csv-safe.ts';
import { KilnError } from '../../../src/core/errors.ts';
import { checkSplitSizes } from '../../../src/core/split/check.ts';
import type { PipelineSpec } from '../../../src/core/spec/schema.ts';
import { defaultSpec } from '../../../src/core/spec/validate.ts';
import { planRun } from '../../../src/core/train/plan.ts';
import { userMessage } from '../../../src/core/user-error.ts';

const ratios = { train: 0.7, validation: 0.15, test: 0.15 };
const spec = (over: Partial<PipelineSpec['data']> = {}, split: Partial<PipelineSpec['split']> = {}): PipelineSpec => {
  const s = defaultSpec('t.csv', 'label');
  return { ...s, data: { ...s.data, ...over }, split: { ...s.split, ...split } };
};
const messageOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(KilnError);
    return (e as Error).message;
  }
  throw new Error('expected a KilnError');
};
/** `n` rows, two features and a label alternating a/b. */
const rowsCsv = (n: number, header = 'x,y,label', cell = (i: number) => `${i},${i % 3}`) =>
  [header, ...Array.from({ length: n }, (_, i) => `${cell(i)},${i % 2 ? 'a' : 'b'}`)].join('\n');

describe('checkSplitSizes', () => {
  it('refuses an empty test split with the rows, the share and what to do', () => {
    const m = messageOf(() => checkSplitSizes({ split: { train: [0, 1, 2], validation: [3], test: [] }, ratios, unit: 'row', file: 'four.csv' }));
    expect(m).toBe(
      'four.csv, split.test: the test split gets no rows: 4 labelled rows × test 0.15 round to none, so there is nothing to score the model on; ' +
        'add rows (at least 7 for test 0.15) or give split.test a larger share such as 0.25',
    );
  });

  it('refuses an empty training split and a one-class training split', () => {
    expect(messageOf(() => checkSplitSizes({ split: { train: [], validation: [0], test: [1] }, ratios, unit: 'image' }))).toMatch(/^split\.train: the training split gets no images: 2 labelled images/);
    const oneClass = messageOf(() => checkSplitSizes({ split: { train: [0, 1], validation: [], test: [2] }, ratios, unit: 'row', classOf: (r) => (r < 2 ? 'a' : 'b') }));
    expect(oneClass).toMatch(/^split\.train: the training split has only one class \('a'\) in its 2 rows; a model needs at least two classes/);
  });

  it('refuses a label with one row per class, and names it as a likely id column', () => {
    const m = messageOf(() => checkSplitSizes({ split: { train: [0, 1, 2], validation: [3], test: [4] }, ratios, unit: 'row', classOf: (r) => `id${r}` }));
    expect(m).toMatch(/^data\.label: every class has exactly one row \(5 classes in 5 labelled rows\).*id or free-text column/);
  });

  it('warns (and goes on) when validation rounds to no rows; says nothing when every split has rows', () => {
    const w = checkSplitSizes({ split: { train: [0, 1, 2], validation: [], test: [3] }, ratios, unit: 'row', classOf: (r) => (r % 2 ? 'a' : 'b') });
    expect(w).toEqual([
      'the validation split gets no rows (4 labelled rows × validation 0.15 round to none), so early stopping is off and every epoch runs; add rows or give split.validation a larger share',
    ]);
    expect(checkSplitSizes({ split: { train: [0, 1], validation: [2], test: [3] }, ratios, unit: 'row', classOf: (r) => (r % 2 ? 'a' : 'b') })).toEqual([]);
    expect(checkSplitSizes({ split: { train: [0, 1], validation: [], test: [3] }, ratios: { train: 0.8, validation: 0, test: 0.2 }, unit: 'row' })).toEqual([]);
  });
});

describe('degenerate tables through planRun (the plan the page and the runner train from)', () => {
  it('the issue\'s 4-row CSV is refused before training; a larger test share lets it plan', () => {
    const table = parseCsv('name,"note, quoted",label\n"Ann ""A"" Lee","1,5",yes\n"Bob",2.5,no\n"Cy","3.5",yes\n"Di, the 2nd",4.5,no\n', 'four.csv');
    expect(messageOf(() => planRun(spec(), table))).toMatch(/^four\.csv, split\.test: the test split gets no rows/);
    const plan = planRun(spec({}, { train: 0.5, validation: 0.25, test: 0.25 }), table);
    expect([plan.split.train.length, plan.split.validation.length, plan.split.test.length]).toEqual([2, 1, 1]);
  });

  it('a constant column plans (encoded as a finite value), an all-missing column is dropped with a warning', () => {
    const table = parseCsv(rowsCsv(20, 'k,x,empty,label', (i) => `7,${i},`), 't.csv');
    expect(table.warnings).toEqual(["Column 'empty' is empty (every value is missing), so it was dropped"]);
    const plan = planRun(spec(), table);
    expect(plan.pre.features.map((f) => f.name)).toEqual(['k', 'x']);
    expect(plan.split.test.length).toBeGreaterThan(0);
  });

  it('a label listed as a feature, and a feature that is not a column, are refused by name', () => {
    const table = parseCsv(rowsCsv(20), 't.csv');
    expect(messageOf(() => planRun(spec({ features: ['x', 'label'] }), table))).toBe("t.csv, data.features: column 'label' is the label, so it cannot also be a feature");
    expect(messageOf(() => planRun(spec({ features: ['x', 'nope'] }), table))).toBe("t.csv: column 'nope' not found; columns are x, y, label");
  });

  it('duplicate header names are renamed with a warning; HTML and formula headers stay plain text', () => {
    const dup = parseCsv(rowsCsv(20, 'x,x,label'), 't.csv');
    expect(dup.columns.map((c) => c.name)).toEqual(['x', 'x_2', 'label']);
    const html = parseCsv(rowsCsv(20, '"<img src=x onerror=alert(1)>",=SUM(A1:A9),label'), 't.csv');
    expect(html.columns.map((c) => c.name)).toEqual(['<img src=x onerror=alert(1)>', '=SUM(A1:A9)', 'label']);
    expect(planRun(spec(), html).pre.features.map((f) => f.name)).toEqual(['<img src=x onerror=alert(1)>', '=SUM(A1:A9)']);
  });

  it('10,000 columns parse, look up and plan in bounded time', () => {
    const cols = 10_000;
    const header = [...Array.from({ length: cols }, (_, j) => `c${j}`), 'label'].join(',');
    const lines = Array.from({ length: 30 }, (_, i) => [...Array.from({ length: cols }, (_, j) => (i * 7 + j) % 13), i % 2 ? 'a' : 'b'].join(','));
    const start = performance.now();
    const table = parseCsv([header, ...lines].join('\n'), 'wide.csv');
    expect(findColumn(table, 'c9999')?.name).toBe('c9999');
    const plan = planRun(spec(), table);
    expect(plan.pre.width).toBe(cols);
    expect(performance.now() - start).toBeLessThan(15_000);
  }, 30_000);
});

describe('formula guard on exported CSVs (OWASP: = + - @ tab CR)', () => {
  it('quotes formula-like text, leaves numbers such as -1.5 and 1e-3 alone', () => {
    const rows = [['=HYPERLINK("http://x","y")', '+1+1', '-y', '@SUM(A1)', '\tz', '\rw', '-1.5', '+3e-2', '-.5', '1e-3', 'a=b', '']];
    expect(Papa.unparse(rows, csvWriteOptions)).toBe(`"'=HYPERLINK(""http://x"",""y"")","'+1+1","'-y","'@SUM(A1)","'\tz","'\rw",-1.5,+3e-2,-.5,1e-3,a=b,`);
    expect(['-1.5', '-0', '12', '-1e5'].filter((v) => formulaCell.test(v))).toEqual([]);
  });
});

describe('userMessage: no TF.js internals reach a user', () => {
  it('rewrites internal messages into a sentence and keeps user errors and plain messages', () => {
    const concat = userMessage(new Error('Pass at least one tensor to concat'), 'training');
    expect(concat).toMatch(/^training stopped on an internal error \(not a problem Kiln found in your data\)/);
    expect(concat).not.toMatch(/tensor|concat|undefined/);
    expect(userMessage(new TypeError("Cannot read properties of undefined (reading 'shape')"), 'the run')).toMatch(/^the run stopped on an internal error/);
    expect(userMessage(new Error('Failed to allocate memory'), 'training')).toMatch(/^training ran out of memory; use fewer rows/);
    expect(userMessage(new KilnError('the tensor column is bad', { file: 'a.csv' }), 'x')).toBe('a.csv: the tensor column is bad');
    expect(userMessage(new Error('ENOENT: no such file'), 'x')).toBe('ENOENT: no such file');
  });
});
