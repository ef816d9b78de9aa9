import { expect, test } from '@playwright/test';
import { openStage, watchPage } from './helpers.ts';

test('tunes Iris with a 3-trial random search on the CPU, highlights the best and applies it', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');

  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('2');
  const rate = page.getByLabel('Learning rate', { exact: true });
  const before = Number(await rate.inputValue());

  await page.getByTestId('tune-enable').click();
  const section = page.getByTestId('tune-section');
  await page.getByTestId('tune-strategy').selectOption('random');
  await page.getByTestId('tune-max-trials').fill('3');
  await expect(page.getByTestId('tune-direction')).toContainText('minimize (usual for loss)');
  // The default space lists learning rate, batch size, hidden layers and dropout; search only the first three.
  await section.getByLabel('Search Dropout').uncheck();
  await expect(page.getByTestId('tune-space')).toContainText('(3 searched)');

  await page.getByTestId('tune-start').click();
  await expect(page.getByTestId('tune-status')).toHaveAttribute('data-status', /done|error|stopped/, { timeout: 120_000 });
  await expect(page.getByTestId('tune-error')).toHaveCount(0);
  await expect(page.getByTestId('tune-status')).toHaveAttribute('data-status', 'done');

  const rows = page.getByTestId('tune-trial');
  await expect(rows).toHaveCount(3);
  const objectives = (await page.getByTestId('tune-trial-objective').allTextContents()).map(Number);
  const best = rows.and(page.locator('[data-best="true"]'));
  await expect(best).toHaveCount(1);
  const bestIndex = objectives.indexOf(Math.min(...objectives)); // validation loss: lower is better
  await expect(rows.nth(bestIndex)).toHaveAttribute('data-best', 'true');
  await expect(rows.nth(bestIndex)).toContainText('★ best');
  // The final retrain went through the Train stage's run: its curves and status show it.
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('epoch-counter')).toContainText('epoch 2 / 2');

  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: 'test-results/screens/tune-section.png' });

  // Apply best writes the best trial's learning rate and batch size into the Train settings.
  const cells = rows.nth(bestIndex).locator('td');
  const bestRate = Number(await cells.nth(1).textContent());
  const bestBatch = await cells.nth(2).textContent();
  await page.getByTestId('tune-apply').click();
  const applied = Number(await rate.inputValue());
  expect(applied).not.toBe(before);
  expect(Number(applied.toPrecision(3))).toBe(bestRate);
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue(bestBatch!.trim());
  expect(watch.consoleErrors).toEqual([]);
});
