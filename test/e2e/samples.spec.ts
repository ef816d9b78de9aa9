import { expect, test } from '@playwright/test';
import { openStage } from './helpers.ts';

test('the bundled digits sample loads as ten classes of 300 images', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Handwritten digits (MNIST)' }).click();
  const classes = page.getByTestId('image-class');
  await expect(classes).toHaveCount(10, { timeout: 60_000 });
  const counts = await classes.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-class'), Number(r.getAttribute('data-count'))]));
  expect(counts).toEqual(Array.from({ length: 10 }, (_, d) => [String(d), 300]));
  await expect(page.getByTestId('image-in-use')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/07-digits.png', fullPage: true });
});

test('penguins and cars load with their catalogued shape', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Palmer Penguins' }).click();
  await expect(page.getByTestId('loaded')).toContainText('344 rows, 7 columns');
  await page.getByRole('button', { name: 'Load Cars (Auto MPG)' }).click();
  await expect(page.getByTestId('loaded')).toContainText('406 rows, 8 columns');
});
