import { expect, test } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { readFile } from 'node:fs/promises';
import { openStage, watchPage } from './helpers.ts';

test('trains Iris on WebGPU end to end, without leaks, long tasks or foreign requests', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await page.screenshot({ path: 'test-results/screens/01-goal.png' });

  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows, 5 columns');
  await expect(page.getByTestId('label-select')).toHaveValue('species');

  await openStage(page, 'Prepare');
  await expect(page.getByTestId('profile-summary')).toContainText('150');
  await expect(page.getByTestId('class-balance')).toContainText('setosa');
  await expect(page.getByTestId('column-table').locator('tbody tr')).toHaveCount(5);
  await page.screenshot({ path: 'test-results/screens/02-prepare.png', fullPage: true });

  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('webgpu');
  // At most 60 epochs on SwiftShader's WebGPU; early stopping (on by default) may end it sooner.
  await page.getByLabel('Epochs', { exact: true }).fill('60');
  await watch.resetLongTasks();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 200_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  const longTasks = await watch.longTasks();
  await page.getByText(/Epoch log/).click();
  await page.screenshot({ path: 'test-results/screens/03-train.png', fullPage: true });

  // The worker really ran on WebGPU, and said so on the badge.
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');

  // Nothing leaks: the live tensor count after epoch 2 equals the count after the last epoch.
  const rows = page.getByTestId('epoch-log').locator('tbody tr');
  const epochs = await rows.count();
  expect(epochs).toBeGreaterThanOrEqual(3);
  expect(epochs).toBeLessThanOrEqual(60);
  const tensorsAt = async (epoch: number) => Number(await rows.nth(epoch - 1).getAttribute('data-tensors'));
  const atEpoch2 = await tensorsAt(2);
  expect(atEpoch2).toBeGreaterThan(0);
  expect(await tensorsAt(epochs)).toBe(atEpoch2);

  // The main thread never blocked for more than 200 ms while training.
  expect(Math.max(0, ...longTasks)).toBeLessThanOrEqual(200);

  await openStage(page, 'Evaluate');
  const accuracy = Number(await page.locator('[data-metric="accuracy"]').getAttribute('data-value'));
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  const cells = await page.getByTestId('confusion-matrix').locator('tbody td').allTextContents();
  expect(cells).toHaveLength(9);
  expect(cells.reduce((s, c) => s + Number(c), 0)).toBe(23);
  await expect(page.getByTestId('per-class').locator('tbody tr')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/screens/04-evaluate.png', fullPage: true });

  await openStage(page, 'Deploy');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-model').click()]);
  expect(download.suggestedFilename()).toBe('kiln-model.zip');
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  // The model with its Monitor baseline (Model Monitor's statistics and constraints, Kiln's baseline.json).
  expect(Object.keys(files).sort()).toEqual(['kiln-model/baseline.json', 'kiln-model/constraints.json', 'kiln-model/model.json', 'kiln-model/preprocessing.json', 'kiln-model/statistics.json', 'kiln-model/weights.bin']);
  const modelJson = JSON.parse(strFromU8(files['kiln-model/model.json']));
  expect(modelJson.format).toBe('layers-model');
  const weightCount = modelJson.weightsManifest[0].weights.reduce(
    (n: number, w: { shape: number[] }) => n + w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  expect(files['kiln-model/weights.bin'].byteLength).toBe(weightCount * 4);
  const pre = JSON.parse(strFromU8(files['kiln-model/preprocessing.json']));
  expect(pre.classes).toEqual(['setosa', 'versicolor', 'virginica']);

  const [specDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-spec').click()]);
  const spec = JSON.parse(await readFile((await specDownload.path())!, 'utf8'));
  expect(spec).toMatchObject({ version: 1, backend: 'webgpu', data: { label: 'species' }, split: { train: 0.7 } });

  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});

test('a broken CSV gets a specific message and the loaded data stays', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');

  await page.getByTestId('csv-input').setInputFiles('test/fixtures/ragged.csv');
  await expect(page.getByTestId('load-error')).toContainText('ragged.csv line 3');
  await expect(page.getByTestId('load-error')).toContainText('has 2 fields but the header has 3');
  await expect(page.getByTestId('loaded')).toContainText('iris.csv: 150 rows, 5 columns');
  await page.screenshot({ path: 'test-results/screens/05-bad-csv.png' });
  expect(watch.foreignRequests).toEqual([]);
});
