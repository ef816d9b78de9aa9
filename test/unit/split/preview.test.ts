import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { cellText, findColumn, type Table } from '../../../src/core/collect/table.ts';
import { buildImageSplitPreview, buildSplitPreview, previewDuplicateExamples, type PlannedSplit } from '../../../src/core/split/preview.ts';
import { findCrossSplitDuplicates, rowKeyFromTable } from '../../../src/core/split/report.ts';
import { splitNames } from '../../../src/core/split/split.ts';
import type { PipelineSpec, PipelineSpecInput } from '../../../src/core/spec/schema.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { planRun } from '../../../src/core/train/plan.ts';
import { splitApi } from '../../../workers/split/api.ts';
import { resident } from '../../../workers/state.ts';

function specFor(split: PipelineSpecInput['split'], extra: Omit<PipelineSpecInput, 'version' | 'data'> = {}, label = 'label'): PipelineSpec {
  const result = validateSpec({ version: 1, data: { source: 't.csv', label }, split, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const csv = (lines: string[]) => parseCsv(lines.join('\n'), 't.csv');

describe('buildSplitPreview on a hand-made split', () => {
  // Rows 0/2 share features, as do rows 3/4; the file had one more row before row 3 (origin skips 3).
  const table = csv(['x,y,label', '1,1,a', '2,2,a', '1,1,a', '3,3,b', '3,3,b', '4,4,b']);
  const plan: PlannedSplit = {
    task: 'classification',
    table,
    origin: [0, 1, 2, 4, 5, 6],
    split: { train: [0, 1, 3], validation: [4], test: [2, 5] },
    folds: null,
    strataByRow: null,
  };
  const preview = buildSplitPreview(plan, specFor({}));

  it('counts rows and classes per split', () => {
    expect(preview.counts).toEqual({ train: 3, validation: 1, test: 2 });
    expect(preview.distribution).toEqual({ by: 'class', names: ['a', 'b'], counts: { train: [2, 1], validation: [0, 1], test: [1, 1] } });
  });

  it('warns about every class with fewer than 2 examples in a non-empty split', () => {
    expect(preview.warnings).toEqual([
      "class 'b' has 1 example in train",
      "class 'a' has no examples in validation",
      "class 'b' has 1 example in validation",
      "class 'a' has 1 example in test",
      "class 'b' has 1 example in test",
    ]);
  });

  it('reports cross-split duplicates by file line (origin + 2) with a readable notice', () => {
    expect(preview.duplicates).toEqual({
      values: 2,
      leakedRows: { validation: 1, test: 1 },
      examples: [
        { lines: [2, 4], splits: ['train', 'test'] },
        { lines: [6, 7], splits: ['train', 'validation'] },
      ],
      notices: ['1 validation row also appears in train (line 7 = line 6)', '1 test row also appears in train (line 4 = line 2)'],
    });
    expect(preview.folds).toBeNull();
    expect(preview.groups).toBeNull();
  });

  it('compares features only, lists at most 5 examples and marks the rest with …', () => {
    // Eight identical-feature pairs (train row k, test row k + 8), half of them with different labels.
    const lines = ['x,label', ...Array.from({ length: 16 }, (_, i) => `${i % 8},${i < 12 ? 'a' : 'b'}`)];
    const rows = Array.from({ length: 8 }, (_, i) => i);
    const many = buildSplitPreview(
      { task: 'classification', table: csv(lines), origin: Array.from({ length: 16 }, (_, i) => i), split: { train: rows, validation: [], test: rows.map((r) => r + 8) }, folds: null, strataByRow: null },
      specFor({}),
    );
    expect(many.duplicates.values).toBe(8);
    expect(many.duplicates.examples).toHaveLength(previewDuplicateExamples);
    expect(many.duplicates.notices).toEqual([
      '8 test rows also appear in train (line 10 = line 2, line 11 = line 3, line 12 = line 4, line 13 = line 5, line 14 = line 6, …)',
    ]);
  });
});

describe('buildSplitPreview on a real plan', () => {
  // 20 rows: 10 of a, 8 of b, 2 of c; one unlabelled row (line 3) that the planner leaves out.
  const labels = ['a', '', 'b', 'a', 'c', 'b', 'a', 'a', 'b', 'a', 'b', 'c', 'a', 'b', 'b', 'a', 'a', 'b', 'a', 'b', 'a'];
  const table = csv(['x,y,patient,label', ...labels.map((l, i) => `${i % 7},${i % 3},p${i % 6},${l}`)]);

  it('matches the planner: counts, class spread, warnings and duplicates', () => {
    const spec = specFor({ train: 0.8, validation: 0.1, test: 0.1 });
    const plan = planRun(spec, table);
    const preview = buildSplitPreview(plan, spec);
    expect(preview.counts).toEqual({ train: plan.split.train.length, validation: plan.split.validation.length, test: plan.split.test.length });
    expect(preview.counts.train + preview.counts.validation + preview.counts.test).toBe(20);
    const label = findColumn(plan.table, 'label')!;
    for (const s of splitNames) {
      const expected = preview.distribution.names.map((c) => plan.split[s].filter((r) => cellText(label, r) === c).length);
      expect(preview.distribution.counts[s]).toEqual(expected);
    }
    expect(preview.warnings).toContain("class 'c' has no examples in validation");
    const features = ['x', 'y', 'patient'];
    const direct = findCrossSplitDuplicates(rowKeyFromTable(plan.table, features), plan.split);
    expect(preview.duplicates.values).toBe(direct.values);
    expect(preview.duplicates.leakedRows).toEqual(direct.leakedRows);
    expect(preview.duplicates.examples.map((e) => e.lines)).toEqual(
      direct.examples.slice(0, previewDuplicateExamples).map((e) => e.rows.map((r) => plan.origin[r] + 2)),
    );
  });

  it('lists each patient in exactly one split when grouping, and leaves the group out of the duplicate key', () => {
    const spec = specFor({ train: 0.6, validation: 0.2, test: 0.2, group: 'patient' });
    const preview = buildSplitPreview(planRun(spec, table), spec);
    const groups = preview.groups!;
    expect(groups.column).toBe('patient');
    expect(groups.shared).toEqual([]);
    const all = splitNames.flatMap((s) => groups.bySplit[s].values);
    expect(all.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    expect(splitNames.map((s) => groups.bySplit[s].count).reduce((a, b) => a + b)).toBe(6);
  });

  it('gives fold sizes that cover the non-test rows once each', () => {
    const spec = specFor({ train: 0.7, validation: 0.15, test: 0.15, folds: 4, stratify: false });
    const preview = buildSplitPreview(planRun(spec, table), spec);
    expect(preview.folds).toHaveLength(4);
    const pool = preview.counts.train + preview.counts.validation;
    expect(preview.folds!.reduce((n, f) => n + f.test, 0)).toBe(pool);
    for (const f of preview.folds!) expect(f.train + f.validation + f.test).toBe(pool);
  });
});

describe('buildSplitPreview for regression', () => {
  const table: Table = csv(['x,price', ...Array.from({ length: 20 }, (_, i) => `${i % 4},${i + 1}`)]);

  it.each([true, false])('shows the spread per target bin (stratify %s)', (stratify) => {
    const spec = specFor({ stratify, bins: 4, train: 0.6, validation: 0.2, test: 0.2 }, { task: 'regression' }, 'price');
    const preview = buildSplitPreview(planRun(spec, table), spec);
    expect(preview.distribution.by).toBe('bin');
    expect(preview.distribution.names).toEqual(['1–5', '6–10', '11–15', '16–20']);
    for (const s of splitNames) expect(preview.distribution.counts[s].reduce((a, b) => a + b)).toBe(preview.counts[s]);
    if (stratify) expect(preview.distribution.counts.test).toEqual([1, 1, 1, 1]);
  });

  it('names bins, not classes, in warnings', () => {
    const spec = specFor({ bins: 4, train: 0.8, validation: 0.1, test: 0.1 }, { task: 'regression' }, 'price');
    const preview = buildSplitPreview(planRun(spec, table), spec);
    expect(preview.warnings.length).toBeGreaterThan(0);
    for (const w of preview.warnings) expect(w).toMatch(/^target bin \d+(–\d+)? has (1 example|no examples) in (validation|test)$/);
  });
});

describe('splitApi.previewSplit', () => {
  it('returns problems as a message, not a throw', async () => {
    resident.table = null;
    const spec = specFor({ group: 'ward' });
    expect(await splitApi.previewSplit(spec)).toEqual({ ok: false, error: expect.stringContaining('No data loaded yet') });
    resident.table = csv(['x,ward_id,label', '1,w1,a', '2,w2,b', '3,w3,a', '4,w4,b']);
    const bad = await splitApi.previewSplit(spec);
    expect(bad).toEqual({ ok: false, error: "t.csv, split.group: group column 'ward' not found; columns are x, ward_id, label" });
    const invalid = await splitApi.previewSplit({ ...spec, split: { ...spec.split, group: undefined, train: 0.9 } });
    expect(invalid).toEqual({ ok: false, error: expect.stringContaining('split: train + validation + test must add up to 1') });
    // 4 rows at 70/15/15 leave test empty: the page says so before any training.
    const tooSmall = await splitApi.previewSplit({ ...spec, split: { ...spec.split, group: undefined } });
    expect(tooSmall).toEqual({ ok: false, error: expect.stringContaining('t.csv, split.test: the test split gets no rows: 4 labelled rows') });
    const good = await splitApi.previewSplit({ ...spec, split: { ...spec.split, group: undefined, train: 0.5, validation: 0.25, test: 0.25 } });
    expect(good.ok && good.preview.counts.train + good.preview.counts.validation + good.preview.counts.test).toBe(4);
    resident.table = null;
  });
});

describe('buildImageSplitPreview', () => {
  // 3 classes × 10 images of 2×2 grey; images 0 and 5 of class a are pixel-identical copies.
  const labels = Int32Array.from({ length: 30 }, (_, i) => Math.floor(i / 10));
  const pixels = new Uint8Array(30 * 4);
  for (let i = 0; i < 30; i++) pixels.set([i, 255 - i, i % 7, 9], i * 4);
  pixels.set(pixels.subarray(0, 4), 5 * 4);
  const set = { labels, pixels, width: 2, height: 2, channels: 1 as const, names: Array.from({ length: 30 }, (_, i) => `${'abc'[labels[i]]}/${i}.png`) };
  const classes = ['a', 'b', 'c'];

  it('counts images per split and class, and names identical images in two splits', () => {
    const split = { train: [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23], validation: [4, 14, 24, 6, 7], test: [5, 15, 25, 8, 9, 16, 17, 18, 19, 26, 27, 28, 29] };
    const preview = buildImageSplitPreview({ split, classes }, set);
    expect(preview).toMatchObject({ task: 'classification', unit: 'image', counts: { train: 12, validation: 5, test: 13 }, folds: null, groups: null });
    expect(preview.distribution).toEqual({ by: 'class', names: ['a', 'b', 'c'], counts: { train: [4, 4, 4], validation: [3, 1, 1], test: [3, 5, 5] } });
    expect(preview.duplicates).toMatchObject({ values: 1, leakedRows: { validation: 0, test: 1 } });
    expect(preview.duplicates.notices).toEqual(['1 test image also appears in train (a/5.png = a/0.png)']);
  });

  it('finds no leak when the copies share a split', () => {
    const split = { train: [0, 5, 1, 10, 11, 20, 21], validation: [2, 12, 22], test: [3, 13, 23] };
    const preview = buildImageSplitPreview({ split, classes }, set);
    expect(preview.duplicates).toEqual({ values: 0, leakedRows: { validation: 0, test: 0 }, examples: [], notices: [] });
  });
});
