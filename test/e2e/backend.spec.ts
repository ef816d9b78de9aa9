import { expect, test, type Page } from '@playwright/test';
import { openStage } from './helpers.ts';

async function loadIrisAndOpenTrain(page: Page) {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Train');
}

test('auto measures the backends on a software GPU and explains its choice', async ({ page }) => {
  await loadIrisAndOpenTrain(page);
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 120_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  const badge = page.getByTestId('backend-badge');
  expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(await badge.getAttribute('data-backend'));
  // SwiftShader is a fallback adapter, so auto must have measured rather than trusting WebGPU.
  await expect(badge).toContainText('fastest of 4 measured');
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toContainText('software fallback');
  await expect(reason).toContainText(/measured fastest \(webgpu \d+, webgl \d+, wasm \d+, cpu \d+ samples\/s\)/);
  await expect(badge).toHaveAttribute('title', /software fallback.*measured fastest/);
  // Away from the cursor, each chart's legend reads the last epoch rather than '--'.
  await expect(page.locator('.u-legend').first()).toContainText(/^epoch3train[\d.]+validation[\d.]+$/);
  await expect(page.locator('.u-legend').first()).not.toContainText('--');
  await page.screenshot({ path: 'test-results/screens/06-auto-backend.png' });
});

test('Stop ends training early and keeps a usable model', async ({ page }) => {
  await loadIrisAndOpenTrain(page);
  // WASM runs the tensor loop (plain CPU trains this MLP on the fused path, 2000 epochs before Stop lands);
  // batches of one make each epoch slow enough to stop part-way.
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByLabel('Epochs', { exact: true }).fill('2000');
  await page.getByLabel('Batch size').fill('1');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('epoch-counter')).toContainText(/epoch ([3-9]|\d\d+) \/ 2000/, { timeout: 60_000 });
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toContainText(/Stopped after \d+ epochs/);
  const epochs = Number((await page.getByTestId('run-status').textContent())!.match(/\d+/)![0]);
  expect(epochs).toBeGreaterThanOrEqual(3);
  expect(epochs).toBeLessThan(2000);
  await openStage(page, 'Evaluate');
  await expect(page.getByText('you stopped training early')).toBeVisible();
  const accuracy = Number(await page.locator('[data-metric="accuracy"]').getAttribute('data-value'));
  expect(accuracy).toBeGreaterThan(0);
  expect(accuracy).toBeLessThanOrEqual(1);
});
