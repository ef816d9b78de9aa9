import { expect, test, type Page } from '@playwright/test';
import { openStage, watchPage } from './helpers.ts';

/** Iris on the plain CPU backend (its fused path runs hundreds of epochs a second: the most events), early stopping off. */
async function irisFor2000Epochs(page: Page) {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill('2000');
  await page.getByLabel('Early stopping patience').fill('0');
}

test('2,000 epochs keep the page responsive, and Stop takes effect within a second', async ({ page }, info) => {
  const watch = await watchPage(page, 'http://127.0.0.1');
  await irisFor2000Epochs(page);
  const status = page.getByTestId('run-status');

  await watch.resetLongTasks();
  await page.getByTestId('train-button').click();
  // While it runs the settings are locked, and say so.
  await expect(page.getByTestId('settings-locked')).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: 'Epochs' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/responsive-running.png', fullPage: true });
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(status).toHaveText(/^Finished 2,?000 epochs/);
  const longest = Math.max(0, ...(await watch.longTasks()));
  info.annotations.push({ type: 'longest main-thread task (ms), 2,000 epochs', description: longest.toFixed(0) });
  console.log(`longest main-thread task during 2,000 epochs: ${longest.toFixed(0)} ms`);
  expect(longest).toBeLessThanOrEqual(200);
  // Every epoch is on the curves and in the log, which shows only the latest rows until asked.
  await expect(page.locator('summary', { hasText: 'Epoch log' })).toHaveText(/2,000 epochs/);
  await page.locator('summary', { hasText: 'Epoch log' }).click();
  await expect(page.getByTestId('epoch-log').locator('tbody tr')).toHaveCount(100);
  await expect(page.getByTestId('epoch-log').locator('tbody tr').last()).toHaveAttribute('data-epoch', '2000');
  // Loss legends read small values to significant digits, not "0".
  await expect(page.locator('.u-legend').first()).toContainText(/train\d\.\d*[1-9]/);
  await page.screenshot({ path: 'test-results/screens/responsive-done.png', fullPage: true });

  // Stop: from the click to the stopped run on screen, measured in the page.
  await watch.resetLongTasks();
  await page.evaluate(() => {
    const w = window as unknown as { stopClick?: number; stopDone?: number };
    document.querySelector('[data-testid="stop-button"]')!.addEventListener('click', () => (w.stopClick = performance.now()), { capture: true });
    const el = document.querySelector('[data-testid="run-status"]')!;
    new MutationObserver(() => {
      if (w.stopClick !== undefined && w.stopDone === undefined && el.getAttribute('data-status') === 'done') w.stopDone = performance.now();
    }).observe(el, { attributes: true });
  });
  // The CPU path finishes 2,000 epochs in a few seconds; WASM with batches of one runs long enough to stop part-way.
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByLabel('Batch size').fill('1');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('epoch-counter')).toContainText(/epoch ([3-9]|\d\d+) \/ 2000/, { timeout: 60_000 });
  await page.getByTestId('stop-button').click();
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 5_000 });
  const stopMs = await page.evaluate(() => {
    const w = window as unknown as { stopClick: number; stopDone: number };
    return w.stopDone - w.stopClick;
  });
  info.annotations.push({ type: 'Stop to stopped (ms)', description: stopMs.toFixed(0) });
  console.log(`Stop took effect in ${stopMs.toFixed(0)} ms; longest task in the second run ${Math.max(0, ...(await watch.longTasks())).toFixed(0)} ms`);
  expect(stopMs).toBeLessThan(1000);
  await expect(status).toHaveText(/^Stopped after \d+ epochs?/);
  const stoppedAt = Number((await status.textContent())!.match(/[\d,]+/)![0].replace(/,/g, ''));
  expect(stoppedAt).toBeLessThan(2000);
  await expect(page.getByRole('spinbutton', { name: 'Epochs' })).toBeEnabled();
});
