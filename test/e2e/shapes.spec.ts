import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { openStage, watchPage } from './helpers.ts';

// A small CNN on WebGPU over SwiftShader trains at only tens of images a second, so the set is tiny.
test('generated shapes train as a CNN on WebGPU, without leaks, and evaluate as a 3×3 confusion matrix', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  const card = page.getByTestId('shapes-sample');
  await expect(card).toContainText('Generated shapes (circles, squares, triangles)');
  await card.getByLabel('Size (pixels)').fill('16');
  await card.getByLabel('Images per class').fill('20');
  await card.getByLabel('Colour').uncheck();
  await card.screenshot({ path: 'test-results/screens/shapes-00-card.png' });
  await card.getByTestId('load-shapes').click();
  await expect(page.getByTestId('image-loaded')).toContainText('shapes: 60 images in 3 classes, 16 × 16 greyscale');
  await expect(page.getByTestId('image-in-use')).toBeVisible();
  await page.getByTestId('image-set').screenshot({ path: 'test-results/screens/shapes-01-collect.png' });

  await openStage(page, 'Train');
  await expect(page.getByTestId('cnn-filters')).toHaveValue('8, 16');
  await page.getByTestId('backend-select').selectOption('webgpu');
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  await page.getByLabel('Learning rate').fill('0.005');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 180_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText(/^Finished 3 epochs/);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');

  // No leaks: the live tensor count after the last epoch equals the count after epoch 2.
  await page.getByText(/Epoch log/).click();
  const rows = page.getByTestId('epoch-log').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const tensors = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-tensors'))));
  expect(tensors[1]).toBeGreaterThan(0);
  expect(tensors[2]).toBe(tensors[1]);
  const ms = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.lastElementChild!.textContent)));
  const split = (await page.getByText(/^Split: /).textContent())!;
  const trainCount = Number(split.match(/(\d+) train/)![1]);
  test.info().annotations.push({ type: 'webgpu samples/s', description: ((trainCount * 3 * 1000) / ms.reduce((a, b) => a + b, 0)).toFixed(1) });
  await page.screenshot({ path: 'test-results/screens/shapes-02-train.png', fullPage: true });

  await openStage(page, 'Evaluate');
  const cells = await page.getByTestId('confusion-matrix').locator('tbody td').allTextContents();
  expect(cells).toHaveLength(9);
  const testCount = Number(split.match(/(\d+) test/)![1]);
  expect(cells.reduce((s, c) => s + Number(c), 0)).toBe(testCount);
  await expect(page.getByTestId('confusion-matrix').locator('thead th')).toHaveText(['true ↓ / predicted →', 'circle', 'square', 'triangle']);
  const accuracy = Number(await page.locator('[data-metric="accuracy"]').getAttribute('data-value'));
  expect(accuracy).toBeGreaterThanOrEqual(0);
  expect(accuracy).toBeLessThanOrEqual(1);
  await page.screenshot({ path: 'test-results/screens/shapes-03-evaluate.png', fullPage: true });

  // The download says how to feed the model: 16×16 grey, bytes × 1/255, NHWC.
  await openStage(page, 'Deploy');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-model').click()]);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const pre = JSON.parse(strFromU8(files['kiln-model/preprocessing.json']));
  expect(pre).toMatchObject({ kind: 'images', width: 16, height: 16, channels: 1, scale: 1 / 255, classes: ['circle', 'square', 'triangle'] });
  const modelJson = JSON.parse(strFromU8(files['kiln-model/model.json']));
  const weights = modelJson.weightsManifest[0].weights.reduce((n: number, w: { shape: number[] }) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  expect(files['kiln-model/weights.bin'].byteLength).toBe(weights * 4);

  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});
