import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeIngestCsv } from '../../bench/lib/csv-data.ts';
import { badInputs } from '../fixtures/bad-inputs.ts';
import { openStage, watchPage } from './helpers.ts';

const irisLoaded = 'iris.csv: 150 rows, 5 columns';

async function loadIris(page: Page) {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText(irisLoaded);
}

/** Picks a fixture in the file input, asking for `label` (blank: let Kiln guess). */
async function pick(page: Page, file: string, label: string) {
  await page.getByTestId('label-input').fill(label);
  await page.getByTestId('csv-input').setInputFiles(file.includes('/') ? file : `test/fixtures/${file}`);
}

test('every hostile CSV gets its exact message, and Iris stays loaded', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await loadIris(page);
  for (const bad of badInputs.filter((b) => b.error)) {
    await pick(page, bad.file, bad.label);
    await expect(page.getByTestId('load-error'), bad.file).toHaveText(bad.error!);
    await expect(page.getByTestId('loaded')).toContainText(irisLoaded);
    if (bad.file === 'latin1.csv') {
      await page.getByTestId('load-error').scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/screens/bad-input-latin1.png' });
    }
  }
  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});

test('files that load with warnings show them under the summary', async ({ page }) => {
  await loadIris(page);
  for (const bad of badInputs.filter((b) => !b.error)) {
    await pick(page, bad.file, bad.label);
    await expect(page.getByTestId('loaded')).toContainText(`${bad.file}: 40 rows`);
    await expect(page.getByTestId('load-warnings').locator('li')).toHaveText(bad.warnings);
    await expect(page.getByTestId('load-error')).toHaveCount(0);
  }
  await page.screenshot({ path: 'test-results/screens/bad-input-warnings.png', fullPage: true });
  // With no label asked for, a one-class last column loads, with a warning to pick another.
  await pick(page, 'one-class.csv', '');
  await expect(page.getByTestId('loaded')).toContainText('one-class.csv: 30 rows, 3 columns');
  await expect(page.getByTestId('load-warnings')).toContainText("The label column 'outcome' has only one class ('yes'); pick another label column");
});

test.describe('a big file', () => {
  let dir: string;
  let big: string;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-big-'));
    big = join(dir, 'big.csv');
    await writeIngestCsv(big, 200 * 1024 * 1024);
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('shows progress and Cancel keeps the data loaded before', async ({ page }) => {
    await loadIris(page);
    await pick(page, big, '');
    const progress = page.getByTestId('load-progress');
    await expect(progress).toBeVisible();
    await expect(page.getByTestId('load-amount')).toContainText(/[1-9][\d.]* MB of 200\.\d MB \(\d+%\)/);
    await progress.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/csv-progress.png' });
    await page.getByTestId('cancel-load').click();
    await expect(page.getByTestId('load-notice')).toHaveText('Stopped loading big.csv. data/iris.csv is still loaded.');
    await expect(progress).toHaveCount(0);
    await expect(page.getByTestId('loaded')).toContainText(irisLoaded);
    await expect(page.getByTestId('load-error')).toHaveCount(0);
  });

  test('loads all 200 MB without blocking the page', async ({ page, baseURL }) => {
    const watch = await watchPage(page, baseURL!);
    await loadIris(page);
    await watch.resetLongTasks();
    await pick(page, big, '');
    await expect(page.getByTestId('loaded')).toContainText(/big\.csv: \d{7} rows, 10 columns/, { timeout: 180_000 });
    // The parse ran in the worker: the page never froze for more than 200 ms.
    expect(Math.max(0, ...(await watch.longTasks()))).toBeLessThanOrEqual(200);
    expect(watch.consoleErrors).toEqual([]);
  });
});

test.describe('a URL', () => {
  test('loads a same-origin file, keeping a presigned-style query string and naming it from the path', async ({ page, baseURL }) => {
    await loadIris(page);
    await page.getByTestId('url-input').fill(`${baseURL}/data/iris.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc`);
    const request = page.waitForRequest((r) => r.url().includes('X-Amz-Signature=abc'));
    await page.getByTestId('url-load').click();
    await request;
    await expect(page.getByTestId('loaded')).toContainText('Loaded iris.csv: 150 rows');
  });

  test('names the HTTP status of a failed download', async ({ page, context, baseURL }) => {
    await context.route('**/data/gone.csv', (route) => route.fulfill({ status: 404, body: 'no' }));
    await loadIris(page);
    await page.getByTestId('url-input').fill(`${baseURL}/data/gone.csv`);
    await page.getByTestId('url-load').click();
    await expect(page.getByTestId('load-error')).toHaveText(/^gone\.csv: download failed: HTTP 404/);
    await expect(page.getByTestId('loaded')).toContainText(irisLoaded);
  });

  test('explains CORS when the browser may not read a URL', async ({ page }) => {
    await loadIris(page);
    // Nothing listens on port 1: fetch fails just as it does for a server without CORS headers.
    await page.getByTestId('url-input').fill('http://127.0.0.1:1/sales.csv');
    await page.getByTestId('url-load').click();
    await expect(page.getByTestId('load-error')).toHaveText(
      'sales.csv: could not download it: browsers only let a page read files from other sites that allow it (CORS), ' +
        'and this server does not, or the network is down; download the file and drop it here instead',
    );
    await expect(page.getByTestId('loaded')).toContainText(irisLoaded);
  });
});
