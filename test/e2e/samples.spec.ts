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

test('loading other data sets aside the prepare steps written for the old one, and can put them back', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows, 5 columns');
  await openStage(page, 'Prepare');
  const form = page.getByTestId('step-form');
  // One step for Iris's columns, and one that suits any table.
  await page.getByTestId('add-step').click();
  await form.getByRole('textbox', { name: 'Column name' }).fill('petal_area');
  await form.getByRole('textbox', { name: 'Expression' }).fill('petal_length * petal_width');
  await form.getByTestId('step-save').click();
  await page.getByTestId('add-step').click();
  await form.getByTestId('step-op').selectOption('dropDuplicates');
  await form.getByTestId('step-save').click();
  await expect(page.getByTestId('step')).toHaveCount(2);

  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Palmer Penguins' }).click();
  await expect(page.getByTestId('loaded')).toContainText('344 rows, 7 columns');
  const setAside = page.getByTestId('set-aside');
  await expect(setAside).toContainText(
    "Set aside 1 prepare step written for other data: data/penguins.csv has no columns 'petal_length', 'petal_width'.",
  );
  await setAside.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/collect-set-aside.png' });
  await openStage(page, 'Prepare');
  await expect(page.getByTestId('step')).toHaveCount(1);
  await expect(page.getByTestId('step-error')).toHaveCount(0);

  await openStage(page, 'Collect');
  await setAside.getByRole('button', { name: 'Put back' }).click();
  await expect(setAside).toHaveCount(0);
  await openStage(page, 'Prepare');
  await expect(page.getByTestId('step')).toHaveCount(2);
  await expect(page.getByTestId('step').first()).toContainText('petal_area = petal_length * petal_width');
});
