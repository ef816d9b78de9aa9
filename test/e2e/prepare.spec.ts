import { expect, test, type Locator } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { openStage, watchPage } from './helpers.ts';

/** How many pixels of a canvas are painted (uPlot leaves the background transparent). */
const paintedPixels = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
    return n;
  });

test('profiles Iris, edits prepare steps with a live preview, and trains with them', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows, 5 columns');

  await openStage(page, 'Prepare');
  // What iris.spec.ts reads from this panel stays in place.
  await expect(page.getByTestId('profile-summary')).toContainText('150');
  await expect(page.getByTestId('class-balance')).toContainText('setosa');
  await expect(page.getByTestId('column-table').locator('tbody tr')).toHaveCount(5);
  // A numeric column's histogram is drawn by uPlot on a canvas.
  const histogram = page.locator('[data-testid="histogram"][data-column="petal_length"] canvas');
  await expect(histogram).toBeVisible();
  await expect.poll(() => paintedPixels(histogram)).toBeGreaterThan(500);
  await expect(page.locator('[data-testid="column-card"][data-column="species"] [data-testid="category-bars"]')).toContainText('setosa');

  const grid = page.getByTestId('correlation-grid');
  await expect(grid.locator('td[data-pair="petal_length×petal_width"]')).toHaveText('0.96');
  await expect(grid.locator('td[data-pair="sepal_length×sepal_width"]')).toHaveText('-0.12');
  await expect(page.getByTestId('scatter').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('scatter')).toHaveAttribute('data-x', 'petal_length');
  await page.screenshot({ path: 'test-results/screens/prepare-01-top.png' });
  await page.getByTestId('relationships').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/prepare-02-relationships.png' });

  // Add petal_area = petal_length * petal_width; the after-preview gains the column, 1.4 × 0.2 on the first row.
  await page.getByTestId('add-step').click();
  const form = page.getByTestId('step-form');
  await form.getByRole('textbox', { name: 'Column name' }).fill('petal_area');
  await form.getByRole('textbox', { name: 'Expression' }).fill('petal_length * petal_width');
  await expect(form.getByTestId('step-issue')).toHaveCount(0);
  await form.getByTestId('step-save').click();
  await expect(page.getByTestId('step')).toHaveCount(1);
  await expect(page.getByTestId('step').first()).toContainText('petal_area = petal_length * petal_width');
  const firstAfter = page.getByTestId('preview-after').locator('tbody tr').first();
  await expect(firstAfter.locator('td[data-column="petal_area"]')).toHaveText('0.28');
  await expect(page.getByTestId('columns-added')).toContainText('petal_area');

  // A syntax error shows inline, with its position, while typing; the form will not add it.
  await page.getByTestId('add-step').click();
  await form.getByRole('textbox', { name: 'Column name' }).fill('broken');
  await form.getByRole('textbox', { name: 'Expression' }).fill('petal_length * (petal_width');
  await expect(form.getByTestId('step-issue')).toContainText("expected ')' at position 28");
  await form.getByTestId('step-save').click();
  await expect(page.getByTestId('step')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/prepare-03-syntax-error.png' });

  // A well-formed expression naming a missing column is added; planning fails at that step, shown next to it.
  await form.getByRole('textbox', { name: 'Expression' }).fill('petal_lenght * 2');
  await form.getByTestId('step-save').click();
  await expect(page.getByTestId('step')).toHaveCount(2);
  const stepError = page.getByTestId('step').nth(1).getByTestId('step-error');
  await expect(stepError).toContainText("unknown column 'petal_lenght' at position 1");
  await expect(firstAfter.locator('td[data-column="petal_area"]')).toHaveText('0.28');
  await page.getByTestId('steps').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/prepare-04-step-error.png' });
  await page.getByTestId('step').nth(1).getByTestId('step-remove').click();
  await expect(page.getByTestId('step')).toHaveCount(1);
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/prepare-05-full.png', fullPage: true });

  // A row step reports the rows it removed (Iris repeats one row); a type override is a cast step at the top.
  await page.getByTestId('add-step').click();
  await form.getByTestId('step-op').selectOption('dropDuplicates');
  await form.getByTestId('step-save').click();
  await expect(page.getByTestId('step').nth(1).getByTestId('rows-removed')).toHaveText('−1 rows');
  await expect(page.getByTestId('preview-summary')).toContainText('150 → 149 rows');
  await page.getByTestId('step').nth(1).getByTestId('step-remove').click();
  const type = page.locator('tr[data-column="petal_width"]').getByTestId('type-select');
  await type.selectOption('categorical');
  await expect(page.getByTestId('step').first()).toContainText('petal_width as categorical');
  await type.selectOption('numeric');
  await expect(page.getByTestId('step')).toHaveCount(1);
  await expect(page.getByTestId('step').first()).toContainText('petal_area');

  // Ignoring a column takes it out of the preview; making it a feature again brings it back.
  const role = page.locator('tr[data-column="sepal_width"]').getByTestId('role-select');
  await role.selectOption('ignore');
  await expect(page.getByTestId('columns-removed')).toContainText('sepal_width');
  await role.selectOption('feature');
  await expect(page.getByTestId('columns-removed')).toHaveCount(0);

  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 120_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 3 / 3');

  // The trained model carries the step: its preprocessing.json applies the derive before the encoder.
  await openStage(page, 'Deploy');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-model').click()]);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const pre = JSON.parse(strFromU8(files['kiln-model/preprocessing.json']));
  expect(pre.prepare).toEqual([{ op: 'derive', name: 'petal_area', expression: 'petal_length * petal_width' }]);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
