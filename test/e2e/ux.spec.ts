import { expect, test, type Page } from '@playwright/test';
import { loadShapes, openStage } from './helpers.ts';

async function loadSample(page: Page, name: string, loaded: string) {
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: `Load ${name}` }).click();
  await expect(page.getByTestId('loaded')).toContainText(loaded);
}

test('the goal reads 90% as 0.9 and warns when its metric does not fit the loaded task', async ({ page }) => {
  await page.goto('/');
  const target = page.getByTestId('goal-target');
  await target.fill('90%');
  await expect(page.getByTestId('goal-target-note')).toHaveText('read as 90% = 0.9');
  await expect(page.getByText('Success means')).toContainText('Accuracy ≥ 0.9');
  await target.fill('150');
  await expect(page.getByTestId('goal-target-error')).toHaveText('150 is above 1: Accuracy is a share, so type 0.9 or 90%');
  await expect(page.getByText('Success means')).toHaveCount(0); // no stale rule (goal.spec.ts tests this fully)
  await target.fill('0.85');
  await expect(page.getByText('Success means')).toContainText('Accuracy ≥ 0.85');

  await loadSample(page, 'Cars (Auto MPG)', '406 rows');
  await openStage(page, 'Goal');
  await expect(page.getByTestId('goal-mismatch')).toContainText('Accuracy scores classification models, but the loaded data is a regression task');
  await page.getByRole('combobox', { name: 'Metric' }).selectOption('rmse');
  await expect(page.getByTestId('goal-mismatch')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/goal-rmse.png' });
});

test('a load far down the Collect page is brought into view', async ({ page }) => {
  await page.goto('/');
  await loadSample(page, 'Iris', '150 rows');
  await expect(page.getByTestId('loaded')).toBeInViewport();
});

test('an image set gets its own Prepare note and a split preview counted in images', async ({ page }) => {
  await page.goto('/');
  await loadShapes(page, 16, 10);
  await openStage(page, 'Prepare');
  await expect(page.getByTestId('prepare-images')).toContainText('30 images, 3 classes');
  await openStage(page, 'Split');
  const preview = page.getByTestId('split-preview');
  await expect(preview).toHaveAttribute('data-state', 'ready');
  // 30 images at the default 70/15/15, stratified over 3 classes of 10: 7 of each class train.
  await expect(preview.locator('[data-split="train"]').first()).toHaveAttribute('data-count', '21');
  await expect(preview).toContainText('21 images');
  await expect(page.getByTestId('group-select')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/split-images.png', fullPage: true });
  // k-fold works for images too: the 25 train + validation images are held out across 3 folds.
  await page.getByTestId('folds').fill('3');
  const folds = page.getByTestId('fold-sizes').locator('tbody tr');
  await expect(folds).toHaveCount(3);
  const heldOut = await folds.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-test'))));
  expect(heldOut.reduce((a, b) => a + b, 0)).toBe(25);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no stage scrolls sideways, and Next opens the next stage at its top', async ({ page }) => {
    await page.goto('/');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/screens/phone-goal.png' });
    await loadSample(page, 'Iris', '150 rows');
    expect(await overflow()).toBeLessThanOrEqual(0);
    for (const stage of ['Prepare', 'Augment', 'Split', 'Train', 'Evaluate', 'Deploy', 'Monitor']) {
      await openStage(page, stage);
      expect(await overflow(), stage).toBeLessThanOrEqual(0);
    }
    await openStage(page, 'Collect');
    await page.getByRole('button', { name: 'Next: profile the data →' }).click();
    await expect(page.getByRole('heading', { name: '3 · Prepare' })).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: 'test-results/screens/phone-prepare.png' });
  });
});

test('after a reload the choices and the data are back (the project is saved in the browser)', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('goal-target').fill('0.9');
  await loadSample(page, 'Palmer Penguins', '344 rows');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.waitForTimeout(600); // the spec is saved 400 ms after the last change
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.reload();
  await expect(page.getByTestId('goal-target')).toHaveValue('0.9');
  await openStage(page, 'Collect');
  await expect(page.getByTestId('loaded')).toContainText('344 rows, 7 columns');
  await expect(page.getByTestId('restored-notice')).toHaveCount(0);
});

test('a regression is scored in the label units and against always predicting the training mean', async ({ page }) => {
  await page.goto('/');
  await loadSample(page, 'Cars (Auto MPG)', '406 rows');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('30');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await openStage(page, 'Evaluate');
  const baseline = page.getByTestId('regression-baseline');
  await expect(baseline).toContainText('RMSE and MAE are in the units of Miles_per_Gallon');
  const rows = baseline.locator('tbody tr');
  const rmse = async (i: number) => Number(await rows.nth(i).locator('td').nth(1).textContent());
  // Thirty epochs of an MLP on engine, weight and year beat the mean (about 7.8 mpg RMSE) by far.
  expect(await rmse(1)).toBeGreaterThan(6);
  expect(await rmse(0)).toBeLessThan((await rmse(1)) / 1.5);
  await baseline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/evaluate-regression.png' });
});
