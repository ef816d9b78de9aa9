import { expect, test } from '@playwright/test';
import { loadShapes, openStage, watchPage } from './helpers.ts';

// The layer builder on a tiny image set: live shapes and parameters, an invalid stack explained
// (and Train disabled), keyboard reordering, then a 2-epoch run on the CPU backend.
test('the layer builder shows shapes and parameters live, explains an invalid stack and trains what it built', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await loadShapes(page, 12, 6);
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('2');

  const builder = page.getByTestId('layer-builder');
  const rows = builder.getByTestId('layer-row');
  // The shorthand (filters 8, 16; hidden 16) as layers: conv, pool, conv, pool, flatten, dense.
  await builder.getByTestId('model-preset').selectOption('custom');
  await expect(rows).toHaveCount(6);
  const channels = Number((await rows.nth(0).getByTestId('layer-shape').textContent())!.match(/(\d+)\]$/)?.[1]);
  expect(channels).toBe(8);
  await expect(rows.nth(3).getByTestId('layer-shape')).toHaveText('[3, 3, 16]');
  const totalBefore = Number((await builder.getByTestId('total-params').textContent())!.replace(/\D/g, ''));

  // A conv after flatten cannot work: explained by layer, and Train waits.
  await builder.getByTestId('add-layer-type').selectOption('conv2d');
  await builder.getByTestId('add-layer').click();
  await expect(rows).toHaveCount(7);
  await expect(builder.getByTestId('layer-issue')).toHaveText('model.layers[6] (conv2d) needs an image input [H, W, C] but gets [16]; put it before flatten');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByTestId('train-blocked')).toContainText('model.layers[6] (conv2d)');
  await page.screenshot({ path: 'test-results/screens/layers-01-invalid.png', fullPage: true });

  // Move it up twice with the keyboard (focus follows the layer): now before flatten, valid.
  await builder.getByRole('button', { name: 'Move layer 6 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(builder.getByRole('button', { name: 'Move layer 5 up' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(builder.getByTestId('layer-issue')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // 3×3×16 → conv 16 (3·3·16·16 + 16 = 2,320 params) → flatten 144 → dense 16 (144·16 + 16).
  await expect(rows.nth(4).getByTestId('layer-shape')).toHaveText('[3, 3, 16]');
  await expect(rows.nth(4).getByTestId('layer-params')).toHaveText('2,320');
  await expect(rows.nth(5).getByTestId('layer-shape')).toHaveText('[144]');
  const totalAfter = Number((await builder.getByTestId('total-params').textContent())!.replace(/\D/g, ''));
  expect(totalAfter - totalBefore).toBe(2320);

  // Edit a field: 4 filters in the new conv shrinks its parameters live.
  await rows.nth(4).getByLabel('Filters of layer 4').fill('4');
  await expect(rows.nth(4).getByTestId('layer-params')).toHaveText(String(3 * 3 * 16 * 4 + 4));
  await builder.screenshot({ path: 'test-results/screens/layers-02-builder.png' });

  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 120_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText(/^Finished 2 epochs/);
  await page.getByText(/Epoch log/).click();
  const logRows = page.getByTestId('epoch-log').locator('tbody tr');
  await expect(logRows).toHaveCount(2);
  const tensors = await logRows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-tensors'))));
  expect(tensors[0]).toBeGreaterThan(0);
  expect(tensors[1]).toBe(tensors[0]);
  await page.screenshot({ path: 'test-results/screens/layers-03-trained.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
});

test('a table shows its prepared width and a preset read-only; a CNN preset on a table is explained', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await openStage(page, 'Train');
  const builder = page.getByTestId('layer-builder');
  await builder.getByTestId('model-preset').selectOption('mlp');
  // Iris: 4 standardised features; about 105 training rows get one dense 32 layer, then 3 classes.
  await expect(builder.locator('tbody tr').first()).toContainText('[4]');
  await expect(builder.getByTestId('layer-row')).toHaveText([/dense 32, relu\s*\[32\]\s*160/]);
  await expect(builder.getByTestId('total-params')).toHaveText(String(160 + 99));
  await expect(builder.getByTestId('layer-row').getByRole('button')).toHaveCount(0);
  await builder.screenshot({ path: 'test-results/screens/layers-04-table-preset.png' });
  await builder.getByTestId('model-preset').selectOption('cnn-28-grey');
  await expect(builder.getByTestId('layer-issue')).toHaveText('model.preset (cnn-28-grey) needs images, and this data is a table; use mlp or linear');
  await expect(page.getByTestId('train-button')).toBeDisabled();
});
