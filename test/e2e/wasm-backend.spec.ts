import { expect, test } from '@playwright/test';
import { loadShapes, openStage } from './helpers.ts';

// The WASM backend in the page's worker: its binaries come from the app itself (never a CDN), and a
// small CNN trains on it, which needs Kiln's gradient kernels (workers/train/wasm/).
test('a small CNN trains on the WASM backend in the worker, served from the app', async ({ page }) => {
  const wasmRequests: string[] = [];
  page.on('request', (r) => void (r.url().includes('.wasm') && wasmRequests.push(r.url())));
  await page.goto('/');
  await loadShapes(page, 16, 6);
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend-select')).toContainText('WASM (fast CPU, SIMD)');
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 120_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('epoch-counter')).toContainText('epoch 3 / 3');
  expect(wasmRequests.length).toBeGreaterThan(0);
  const origin = new URL(page.url()).origin;
  for (const url of wasmRequests) expect(new URL(url).origin).toBe(origin);
  await page.screenshot({ path: 'test-results/screens/06-wasm-backend.png' });
});
