import { expect, test } from '@playwright/test';
import { openStage, watchPage } from './helpers.ts';

const irisLoaded = 'iris.csv: 150 rows, 5 columns';
const hostile = (name: string) => `test/fixtures/hostile/${name}`;

test('under the Content-Security-Policy: no violation, hostile headers stay text, a too-small table is refused before training', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  // Registered before any page script, so a violation at start-up counts too.
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('/');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self' 'wasm-unsafe-eval'");

  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText(irisLoaded);

  // A refused file says why and leaves Iris loaded.
  await page.getByTestId('label-input').fill('label');
  await page.getByTestId('csv-input').setInputFiles(hostile('csv/nul-bytes.csv'));
  await expect(page.getByTestId('load-error')).toHaveText('nul-bytes.csv: does not look like a text CSV file (binary data?)');
  await expect(page.getByTestId('loaded')).toContainText(irisLoaded);

  // Headers that are HTML or formulas are shown as text, never as markup.
  await page.getByTestId('csv-input').setInputFiles(hostile('csv/html-formula-headers.csv'));
  await expect(page.getByTestId('loaded')).toContainText('html-formula-headers.csv: 10 rows, 3 columns');
  await openStage(page, 'Prepare');
  await expect(page.getByTestId('column-table')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.getByTestId('column-table')).toContainText('=SUM(A1:A9)');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await page.screenshot({ path: 'test-results/screens/hostile-headers.png', fullPage: true });

  // The 4-row CSV: refused in one sentence before any epoch, with no TF.js words.
  await openStage(page, 'Collect');
  await page.getByTestId('csv-input').setInputFiles(hostile('four-rows-quoted.csv'));
  await expect(page.getByTestId('loaded')).toContainText('four-rows-quoted.csv: 4 rows, 3 columns');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByTestId('train-button').click();
  const error = page.getByTestId('train-error');
  await expect(error).toContainText('the test split gets no rows: 4 labelled rows × test 0.15 round to none', { timeout: 60_000 });
  await expect(error).not.toContainText(/tensor|concat|undefined/);
  await page.screenshot({ path: 'test-results/screens/hostile-small.png', fullPage: true });

  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(watch.consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('refused files leave the loaded data and the trained model as they were', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText(irisLoaded);
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await openStage(page, 'Evaluate');
  const metrics = await page.getByTestId('test-metrics').textContent();

  await openStage(page, 'Collect');
  await page.getByTestId('label-input').fill('label');
  for (const [file, message] of [
    ['csv/ragged.csv', 'ragged.csv line 3: has 2 fields but the header has 3'],
    ['csv/unterminated-quote.csv', 'unterminated-quote.csv line 3: a quoted field is never closed (missing closing ")'],
    ['csv/latin1.csv', 'latin1.csv line 3: is not UTF-8 text (perhaps Windows-1252 or Latin-1); save it as UTF-8 (e.g. "CSV UTF-8" in Excel) and load it again'],
  ]) {
    await page.getByTestId('csv-input').setInputFiles(hostile(file));
    await expect(page.getByTestId('load-error')).toHaveText(message);
    await expect(page.getByTestId('loaded')).toContainText(irisLoaded);
  }
  await openStage(page, 'Evaluate');
  await expect(page.getByTestId('test-metrics')).toHaveText(metrics!);
  await openStage(page, 'Train');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
});
