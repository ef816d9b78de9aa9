import { expect, test } from '@playwright/test';
import { loadShapes, openStage } from './helpers.ts';

test('a learning rate of 10 on Iris warns during training, and the fix sets 0.001', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Train');
  // WASM's tensor loop: slow enough that the run is still going when the warning is checked (plain CPU finishes in seconds).
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill('2000');
  await page.getByLabel('Early stopping patience').fill('0');
  await page.getByLabel('Learning rate').fill('10');
  await page.getByTestId('train-button').click();

  // Said while the run goes on, not after.
  const card = page.getByTestId('health-warning');
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  expect(['not-finite', 'exploding', 'unstable', 'one-class', 'flat-at-chance']).toContain(await card.getAttribute('data-kind'));
  await expect(card).toContainText(/try a learning rate of 0\.001/i);
  // A run that blew up keeps its warning while it goes on, even through calmer epochs.
  const counter = page.getByTestId('epoch-counter');
  const epochNow = async () => Number((await counter.textContent())!.match(/epoch (\d+)/)![1]);
  const kind = await card.getAttribute('data-kind');
  if (kind === 'not-finite' || kind === 'exploding' || kind === 'unstable') {
    const seenAt = await epochNow();
    await expect.poll(epochNow, { timeout: 60_000 }).toBeGreaterThanOrEqual(seenAt + 30);
    await expect(card).toBeVisible();
  }
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/learning-health.png', fullPage: true });

  // One click stops the run and sets the suggested rate.
  await page.getByTestId('health-fix').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 10_000 });
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.001');
});

test('generated shapes get the CNN learning rate, and overfitting is marked on the loss curve with a sentence', async ({ page }) => {
  await page.goto('/');
  await loadShapes(page, 32, 100);
  await openStage(page, 'Train');
  // The CNN's own default (tables keep 0.005).
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.001');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill('40');
  await page.getByLabel('Early stopping patience').fill('0');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  // 210 images are too few to generalise from: training loss falls, validation loss turns up.
  const note = page.getByTestId('overfitting');
  await expect(note).toContainText(/^Overfitting from epoch \d+: .* training images/);
  const epoch = Number(await note.getAttribute('data-epoch'));
  expect(epoch).toBeGreaterThan(1);
  expect(epoch).toBeLessThan(37);
  await page.locator('.charts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/overfitting.png' });
});
