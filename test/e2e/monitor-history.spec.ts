import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStage, watchPage } from './helpers.ts';

// The Monitor's model history is saved with the project: after a promotion and a reload (and in an
// exported .kiln file), the retired model is still listed, and rolling back to it scores as before.

const tmp = mkdtempSync(join(tmpdir(), 'kiln-history-e2e-'));

/** Rows of x ~ U(shift - 2, shift + 2), z ~ U(0, 10); y = yes when x + 0.2 z > 1 (seeded: the same file each run). */
function rows(n: number, seed: number, shift = 0): string {
  let s = seed;
  const r = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  const out = ['x,z,y'];
  for (let i = 0; i < n; i++) {
    const x = shift - 2 + 4 * r();
    const z = 10 * r();
    out.push(`${x.toFixed(3)},${z.toFixed(2)},${x + 0.2 * z > 1 ? 'yes' : 'no'}`);
  }
  return out.join('\n') + '\n';
}

function file(name: string, text: string): string {
  writeFileSync(join(tmp, name), text);
  return join(tmp, name);
}

const row = (page: Page, id: number) => page.locator(`[data-testid="model-history-row"][data-model="${id}"]`);
const deployedRow = (page: Page) => page.locator('[data-testid="model-history-row"][data-deployed="true"]');

/** True once the open project's model history is in IndexedDB (it is written after the promotion, off the page's thread). */
async function historySaved(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('kiln');
        open.onsuccess = () => {
          const keys = open.result.transaction('blobs').objectStore('blobs').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.some((k) => String(k).endsWith('/history')));
        };
      }),
  );
}

test('a promoted model history survives a reload and a .kiln round trip; rolling back scores as before', async ({ page, baseURL }, info) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByTestId('label-input').fill('y');
  await page.getByTestId('csv-input').setInputFiles(file('train.csv', rows(200, 7)));
  await expect(page.getByTestId('loaded')).toContainText('train.csv: 200 rows');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill('8');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  await openStage(page, 'Monitor');
  const trainingRows = async () => (await page.getByTestId('baseline').textContent())!.match(/Statistics of the (\d+) training rows/)![1];
  await expect(page.getByTestId('baseline')).toContainText('training rows');
  const rows1 = await trainingRows();
  await page.getByTestId('monitor-file').setInputFiles(file('shifted.csv', rows(100, 9, 1.5)));
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('report')).toHaveAttribute('data-source', 'shifted.csv');
  await page.getByTestId('mode-combine').check();
  await page.getByTestId('retrain-button').click();
  await expect(page.getByTestId('compare')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('promote').click();
  await expect(deployedRow(page)).toHaveAttribute('data-model', '2');
  const before1 = await row(page, 1).getAttribute('data-value');
  const before2 = await row(page, 2).getAttribute('data-value');
  await expect(page.getByTestId('baseline')).not.toContainText(`Statistics of the ${rows1} training rows`);
  const rows2 = await trainingRows(); // the project's training rows and the batch's
  await expect.poll(() => historySaved(page)).toBe(true);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const started = Date.now();
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await openStage(page, 'Monitor');
  await expect(page.getByTestId('model-history-row')).toHaveCount(2);
  const reloadMs = Date.now() - started;
  await expect(deployedRow(page)).toHaveAttribute('data-model', '2');
  expect(await row(page, 1).getAttribute('data-value')).toBe(before1);
  expect(await row(page, 2).getAttribute('data-value')).toBe(before2);
  await expect(row(page, 1)).toContainText('files kept');
  // The promoted model itself came back, with the rows it learned from (not only the project's data).
  await expect(page.getByTestId('baseline')).toContainText(`Statistics of the ${rows2} training rows`);
  await expect(page.getByTestId('projects-note')).toHaveCount(0);
  await page.getByTestId('model-history').screenshot({ path: 'test-results/screens/monitor-history-after-reload.png' });

  // Export with the history, import into a new project: the same list.
  await page.getByTestId('projects-button').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-project').click();
  const path = info.outputPath('history.kiln');
  await (await download).saveAs(path);
  await page.getByTestId('import-project').setInputFiles(path);
  await expect(page.getByTestId('projects-dialog')).toBeHidden();
  await expect(page.getByTestId('projects-button')).toContainText('(imported)');
  await openStage(page, 'Monitor');
  await expect(page.getByTestId('model-history-row')).toHaveCount(2);
  await expect(deployedRow(page)).toHaveAttribute('data-model', '2');

  // Roll back to Model 1: the metric it had before the reload, on its own training rows.
  await row(page, 1).getByTestId('rollback-button').click();
  await page.getByTestId('rollback-yes').click();
  await expect(deployedRow(page)).toHaveAttribute('data-model', '1');
  expect(await row(page, 1).getAttribute('data-value')).toBe(before1);
  await expect(page.getByTestId('baseline')).toContainText(`Statistics of the ${rows1} training rows`);
  expect(Number(await page.getByTestId('baseline-metric').getAttribute('data-value'))).toBe(Number(before1));
  await expect(row(page, 2)).toContainText('files kept');

  // A new run from Train (the Monitor not open meanwhile) replaces the history: a reload shows only it.
  await openStage(page, 'Train');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toContainText('Finished');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.waitForTimeout(300); // the new run's record and model are saved after the status changes
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.reload();
  await openStage(page, 'Monitor');
  await expect(page.getByTestId('model-history-row')).toHaveCount(1);
  await expect(row(page, 1)).toContainText('Model 1 (from Train)');
  await expect(page.getByTestId('baseline')).toContainText(`Statistics of the ${rows1} training rows`);
  expect(watch.consoleErrors).toEqual([]);
  console.log(JSON.stringify({ reloadToHistoryMs: reloadMs, model1: before1, model2: before2, rows1, rows2 }));
});
