import { expect, test, type Page } from '@playwright/test';
import { loadShapes, openStage, watchPage } from './helpers.ts';

/** Trains on the CPU for `epochs` epochs and opens Evaluate. */
async function trainAndEvaluate(page: Page, epochs: number): Promise<void> {
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 120_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await openStage(page, 'Evaluate');
}

/** The confusion matrix's counts, row by row. */
async function matrix(page: Page): Promise<number[]> {
  return (await page.getByTestId('confusion-matrix').locator('tbody td').allTextContents()).map(Number);
}

/** A two-class CSV: `score` separates the classes with overlap, `noise` carries nothing. Seeded, so every run sees the same file. */
function binaryCsv(rows: number): string {
  let s = 17;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['score,noise,label'];
  for (let i = 0; i < rows; i++) {
    const score = rnd() * 4 - 2;
    lines.push(`${score.toFixed(3)},${(rnd() * 10).toFixed(2)},${score + (rnd() - 0.5) * 2.5 > 0 ? 'yes' : 'no'}`);
  }
  return lines.join('\n') + '\n';
}

test('Iris: a confusion cell opens exactly its rows; importance ranks the columns; every split is labelled', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await trainAndEvaluate(page, 12);

  await expect(page.getByTestId('test-metrics')).toBeVisible();
  await expect(page.getByText('TEST', { exact: true }).first()).toBeVisible();
  const counts = await matrix(page);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(23);

  // Open the fullest off-diagonal cell if the model made mistakes, else the fullest cell.
  const k = 3;
  const off = counts.map((n, i) => (i % (k + 1) === 0 ? -1 : n));
  const at = Math.max(...off) > 0 ? off.indexOf(Math.max(...off)) : counts.indexOf(Math.max(...counts));
  const cell = page.getByTestId('confusion-matrix').locator('tbody td').nth(at);
  const [wantTrue, wantPred, wantCount] = [await cell.getAttribute('data-true'), await cell.getAttribute('data-predicted'), Number(await cell.getAttribute('data-count'))];
  expect(wantCount).toBe(counts[at]);
  await cell.getByRole('button').click();
  const examples = page.getByTestId('cell-examples');
  await expect(examples).toContainText(`${wantCount} ${wantTrue} predicted as ${wantPred}`);
  const rows = examples.getByTestId('example-rows').locator('tbody tr');
  await expect(rows).toHaveCount(wantCount);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-true', wantTrue!);
    await expect(row).toHaveAttribute('data-predicted', wantPred!);
    // The raw row from the file: Iris has no blank lines, so its species cell is the true class.
    await expect(row.locator('td.raw').last()).toHaveText(wantTrue!);
    expect(Number(await row.getAttribute('data-line'))).toBeGreaterThanOrEqual(2);
  }
  await page.screenshot({ path: 'test-results/screens/evaluate-iris-cell.png', fullPage: true });

  // Row shares: each matrix row sums to about 100%.
  await page.getByTestId('cm-normalise').check();
  const shares = (await page.getByTestId('confusion-matrix').locator('tbody td').allTextContents()).map((t) => Number(t.replace('%', '')));
  for (let r = 0; r < k; r++) expect(Math.abs(shares.slice(r * k, r * k + k).reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(2);
  await page.getByTestId('cm-normalise').uncheck();

  await expect(page.getByTestId('roc-curve')).toBeVisible();
  await expect(page.getByTestId('calibration-plot')).toContainText('ECE');

  // Permutation importance on the validation split: one bar per raw column, sorted, petals on top.
  const importance = page.getByTestId('feature-importance');
  await expect(importance).toContainText('VALIDATION');
  await importance.getByTestId('importance-start').click();
  const bars = importance.getByTestId('importance-bars').locator('li');
  await expect(bars).toHaveCount(4, { timeout: 60_000 });
  const means = await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-mean'))));
  expect(means).toEqual([...means].sort((a, b) => b - a));
  expect((await bars.first().getAttribute('data-column'))!).toMatch(/petal/);
  await importance.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/evaluate-iris-importance.png', fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screens/evaluate-iris-phone.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
});

test('binary: the threshold slider changes the matrix live, saves into the spec, and two runs compare', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByTestId('label-input').fill('label');
  await page.getByTestId('csv-input').setInputFiles({ name: 'two-class.csv', mimeType: 'text/csv', buffer: Buffer.from(binaryCsv(240)) });
  await expect(page.getByTestId('loaded')).toContainText('240 rows');
  await trainAndEvaluate(page, 15);

  const slider = page.getByTestId('threshold-slider');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.50');
  const before = await matrix(page);
  const precisionBefore = await page.getByTestId('threshold-scores').locator('[data-metric="precision"]').textContent();
  await slider.fill('0.05');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.05');
  const after = await matrix(page);
  expect(after).not.toEqual(before);
  // Classes are sorted (no, yes): a low threshold moves rows into the predicted-"yes" column.
  expect(after[1] + after[3]).toBeGreaterThan(before[1] + before[3]);
  expect(after.reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0));
  await expect(page.getByTestId('threshold-scores').locator('[data-metric="precision"]')).not.toHaveText(precisionBefore!);
  await page.getByTestId('save-threshold').click();
  await expect(page.getByTestId('save-threshold')).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/evaluate-binary-threshold.png', fullPage: true });

  // A second run with other settings on the same split: the comparison shows deltas and overlaid curves.
  await trainAndEvaluate(page, 4);
  const compare = page.getByTestId('run-comparison');
  // With two runs the comparison opens by itself.
  await expect(compare).toHaveAttribute('open', '');
  await expect(compare.getByTestId('pick-run')).toHaveCount(2);
  for (const box of await compare.getByTestId('pick-run').all()) await box.check();
  await expect(compare.getByTestId('compare-table')).toBeVisible();
  await expect(compare.getByTestId('compare-table').locator('tr[data-metric="accuracy"] td')).toHaveCount(3);
  await expect(compare.getByTestId('compare-roc')).toBeVisible();
  await compare.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/evaluate-compare.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
});

test('images: a confusion cell opens a gallery of exactly its images, with saliency maps', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await loadShapes(page, 16, 12);
  await trainAndEvaluate(page, 2);
  const cells = page.getByTestId('confusion-matrix').locator('tbody td');
  const counts = (await cells.allTextContents()).map(Number);
  const at = counts.indexOf(Math.max(...counts));
  const cell = cells.nth(at);
  const [wantTrue, wantPred] = [await cell.getAttribute('data-true'), await cell.getAttribute('data-predicted')];
  await cell.getByRole('button').click();
  const tiles = page.getByTestId('cell-examples').getByTestId('example-images').locator('li');
  await expect(tiles).toHaveCount(counts[at]);
  for (const tile of await tiles.all()) {
    await expect(tile).toHaveAttribute('data-true', wantTrue!);
    await expect(tile).toHaveAttribute('data-predicted', wantPred!);
  }
  await expect(page.getByTestId('saliency-toggle').first()).toBeChecked();
  await expect(page.getByTestId('feature-importance')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/evaluate-images.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
});
