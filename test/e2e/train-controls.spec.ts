import { expect, test } from '@playwright/test';
import { openStage } from './helpers.ts';

test('Pause holds training, Resume goes on, Stop keeps the best epoch; progress shows batches and time left', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Train');
  // WASM runs the tensor loop (plain CPU trains this MLP on the fused path, too fast to pause part-way);
  // batches of one make each epoch slow enough to pause part-way; patience turns on restore-best.
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByLabel('Epochs', { exact: true }).fill('2000');
  await page.getByLabel('Batch size').fill('1');
  await page.getByLabel('Early stopping patience').fill('1000');
  await page.getByTestId('schedule-select').selectOption('cosine');
  await page.getByTestId('class-weights-select').selectOption('balanced');
  await page.getByTestId('train-button').click();
  // The batch part shows between the loop's progress reports (every 250 ms); a fast machine may finish epochs between them.
  await expect(page.getByTestId('epoch-counter')).toContainText(/epoch ([3-9]|\d\d+) \/ 2000(, batch \d+ \/ 105)?/, { timeout: 60_000 });
  await expect(page.getByTestId('eta')).toContainText(/about .* left/);
  await expect(page.getByTestId('best-epoch')).toContainText(/best epoch \d+/);

  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  await page.waitForTimeout(400); // a batch already under way may still land
  const held = await page.getByTestId('epoch-counter').textContent();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('epoch-counter')).toHaveText(held!);
  await page.screenshot({ path: 'test-results/screens/06-train-paused.png', fullPage: true });

  await page.getByTestId('resume-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('epoch-counter')).not.toHaveText(held!, { timeout: 15_000 });

  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toContainText(/Stopped after \d+ epochs; kept the best epoch, \d+/);
  await expect(page.getByTestId('training-help')).toBeVisible();
  await page.getByTestId('training-help').locator('summary').click();
  await page.screenshot({ path: 'test-results/screens/06-train-stopped.png', fullPage: true });
});
