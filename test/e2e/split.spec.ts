import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/core/collect/csv.ts';
import { findCrossSplitDuplicates, rowKeyFromTable } from '../../src/core/split/report.ts';
import { validateSpec } from '../../src/core/spec/validate.ts';
import { planRun } from '../../src/core/train/plan.ts';
import { openStage, watchPage } from './helpers.ts';

/** What the same spec gives when planned in Node, to hold the worker's preview against. */
function planIrisInNode(split: Record<string, unknown>) {
  const iris = parseCsv(readFileSync('public/data/iris.csv', 'utf8'), 'iris.csv');
  const checked = validateSpec({ version: 1, data: { source: 'iris.csv', label: 'species' }, split });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const plan = planRun(checked.spec, iris);
  const features = plan.table.columns.map((c) => c.name).filter((n) => n !== 'species');
  return { plan, duplicates: findCrossSplitDuplicates(rowKeyFromTable(plan.table, features), plan.split) };
}

const preview = (page: Page) => page.getByTestId('split-preview');
const bar = (page: Page, split: string) => page.getByTestId('split-bar').locator(`[data-split="${split}"]`);
const classCounts = (page: Page, split: string) =>
  page.getByTestId(`dist-${split}`).locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));

test('Iris: presets, class spread per split, folds and the known duplicate pair', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows, 5 columns');

  await openStage(page, 'Split');
  await expect(preview(page)).toHaveAttribute('data-state', 'ready');
  await expect(bar(page, 'train')).toHaveAttribute('data-count', '105');
  await expect(page.getByRole('button', { name: /70 \/ 15 \/ 15/ })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: '80 / 10 / 10' }).click();
  await expect(page.getByRole('button', { name: '80 / 10 / 10' })).toHaveAttribute('aria-pressed', 'true');
  await expect(bar(page, 'train')).toHaveAttribute('data-count', '120');
  await expect(bar(page, 'validation')).toHaveAttribute('data-count', '15');
  await expect(bar(page, 'test')).toHaveAttribute('data-count', '15');
  await expect(bar(page, 'train')).toContainText('Train · 120');
  expect(await classCounts(page, 'train')).toEqual([40, 40, 40]);
  expect(await classCounts(page, 'validation')).toEqual([5, 5, 5]);
  expect(await classCounts(page, 'test')).toEqual([5, 5, 5]);
  await expect(page.getByTestId('dist-train').locator('tbody tr').first()).toHaveAttribute('data-class', 'setosa');
  await expect(page.getByTestId('split-warnings')).toHaveCount(0);
  // Widths follow the counts: train is 8× test.
  const [trainBox, testBox] = [await bar(page, 'train').boundingBox(), await bar(page, 'test').boundingBox()];
  expect(trainBox!.width / testBox!.width).toBeGreaterThan(6);
  await page.screenshot({ path: 'test-results/screens/split-01-iris-80-10-10.png', fullPage: true });

  // Seed 42 keeps Iris's identical rows (file lines 103 and 144) together; seed 9 puts them in train and test.
  const expected = planIrisInNode({ train: 0.8, validation: 0.1, test: 0.1, seed: 9 }).duplicates;
  expect(expected.leakedRows.test).toBe(1);
  await expect(page.getByTestId('no-leakage')).toBeVisible();
  await page.getByTestId('split-seed').fill('9');
  await expect(page.getByTestId('leakage')).toContainText('1 test row also appears in train (line 144 = line 103)');
  await expect(page.getByTestId('leakage')).toHaveAttribute('data-values', String(expected.values));
  await expect(page.getByTestId('leakage')).toHaveAttribute('data-leaked-test', String(expected.leakedRows.test));
  await page.screenshot({ path: 'test-results/screens/split-02-iris-leakage.png', fullPage: true });

  await page.getByTestId('folds').fill('5');
  const folds = planIrisInNode({ train: 0.8, validation: 0.1, test: 0.1, seed: 9, folds: 5 }).plan.folds!;
  const rows = page.getByTestId('fold-sizes').locator('tbody tr');
  await expect(rows).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await expect(rows.nth(i)).toHaveAttribute('data-test', String(folds[i].test.length));
    await expect(rows.nth(i)).toHaveAttribute('data-train', String(folds[i].train.length));
    await expect(rows.nth(i)).toHaveAttribute('data-validation', String(folds[i].validation.length));
  }
  await expect(rows.first()).toHaveAttribute('data-test', '27');
  await page.getByText('When to group, and when to use k-fold').click();
  await page.screenshot({ path: 'test-results/screens/split-03-iris-folds.png', fullPage: true });

  // Out-of-range folds are caught as the user types; the worker is not asked.
  await page.getByTestId('folds').fill('1');
  await expect(page.getByText('must be 2 or more')).toBeVisible();
  await expect(preview(page)).toHaveAttribute('data-state', 'invalid');
  await page.getByTestId('folds').fill('');
  await expect(page.getByTestId('fold-sizes')).toHaveCount(0);

  // Validation 0 is allowed; early stopping (on by default) then has nothing to watch, and the page says so.
  await page.getByTestId('ratio-validation').fill('0');
  await page.getByTestId('ratio-train').fill('90');
  await expect(preview(page)).toHaveAttribute('data-state', 'ready');
  await expect(bar(page, 'validation')).toHaveCount(0);
  await expect(page.getByTestId('dist-validation')).toContainText('Empty');
  await expect(page.getByTestId('early-stopping-note')).toContainText('early stopping (train.patience 10) is off');
  await expect(page.getByRole('button', { name: 'Next: train →' })).toBeEnabled();
  await openStage(page, 'Train');
  await page.getByLabel('Early stopping patience').fill('0');
  await openStage(page, 'Split');
  await expect(page.getByTestId('early-stopping-note')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/split-04-validation-zero.png', fullPage: true });

  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});

test('a group column keeps each patient in one split, and a bad fold count is a message', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByTestId('csv-input').setInputFiles('test/fixtures/grouped.csv');
  await expect(page.getByTestId('loaded')).toContainText('60 rows, 5 columns');

  await openStage(page, 'Split');
  await expect(preview(page)).toHaveAttribute('data-state', 'ready');
  const options = await page.getByTestId('group-select').locator('option').allTextContents();
  expect(options).toEqual(['None: rows are independent', 'patient', 'age', 'marker', 'visit']);
  await page.getByTestId('group-select').selectOption('patient');

  await expect(page.getByTestId('group-placement')).toHaveAttribute('data-shared', '0');
  const lists = await Promise.all(
    ['train', 'validation', 'test'].map(async (s) => JSON.parse((await page.getByTestId(`groups-${s}`).getAttribute('data-values'))!) as string[]),
  );
  const all = lists.flat();
  expect(new Set(all).size).toBe(all.length); // no patient in two splits
  expect(all.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`));
  for (const list of lists) expect(list.length).toBeGreaterThan(0);
  const counts = await Promise.all(['train', 'validation', 'test'].map((s) => bar(page, s).getAttribute('data-count')));
  expect(counts.map(Number).reduce((a, b) => a + b)).toBe(60);
  // Whole patients of 5 rows each.
  for (const c of counts) expect(Number(c) % 5).toBe(0);
  await page.screenshot({ path: 'test-results/screens/split-05-grouped.png', fullPage: true });

  // 20 folds need 20 groups among the non-test patients: the planner says so, and the panel shows it.
  await page.getByTestId('folds').fill('20');
  await expect(page.getByTestId('split-error')).toContainText(/only \d+ distinct group\(s\) for 20 folds/);
  await page.screenshot({ path: 'test-results/screens/split-06-error.png', fullPage: true });
  await page.getByTestId('folds').fill('3');
  await expect(page.getByTestId('fold-sizes').locator('tbody tr')).toHaveCount(3);

  // A numeric label makes it regression: the spread is shown per target bin, and the bin count is editable.
  await openStage(page, 'Collect');
  await page.getByTestId('label-select').selectOption('marker');
  await openStage(page, 'Split');
  await expect(page.getByText('Stratify by target bins')).toBeVisible();
  await page.getByTestId('bins').fill('3');
  await expect(page.getByTestId('dist-train').locator('thead')).toContainText('Target bin');
  await expect(page.getByTestId('dist-train').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('group-placement')).toHaveAttribute('data-shared', '0');
  await page.screenshot({ path: 'test-results/screens/split-07-regression.png', fullPage: true });

  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});
