import { expect, test } from '@playwright/test';
import { openStage } from './helpers.ts';

test('k-fold cross-validation reports mean ± std in Evaluate', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Split');
  await page.getByTestId('folds').fill('3');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('10');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 90_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await openStage(page, 'Evaluate');
  const cv = page.getByTestId('cross-validation');
  await expect(cv).toContainText('3-fold cross-validation');
  const mean = Number(await cv.locator('[data-metric="accuracy"]').getAttribute('data-mean'));
  expect(mean).toBeGreaterThan(0.5);
  expect(mean).toBeLessThanOrEqual(1);
  await page.screenshot({ path: 'test-results/screens/08-cross-validation.png', fullPage: true });
});
