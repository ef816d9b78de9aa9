import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { openStage } from './helpers.ts';

// A run interrupted by a reload leaves a checkpoint; an exported .kiln file carries it, and the
// imported project offers Resume as the reloaded page does. Iris, 8 hidden units, batches of one
// on WASM (the CPU backend finishes before a checkpoint is saved): an epoch takes a moment, so there is a mid-run to interrupt.

/** Epochs of the run: long enough (~0.1 s an epoch on WASM) that a checkpoint is saved before it ends. */
const longRun = 150;

/** The highest checkpoint epoch in IndexedDB (any project), or 0. */
async function savedCheckpointEpoch(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('kiln');
        open.onsuccess = () => {
          const all = open.result.transaction('meta').objectStore('meta').getAll();
          all.onsuccess = () => resolve(Math.max(0, ...(all.result as string[]).filter((v) => v.startsWith('{')).map((v) => JSON.parse(v).epochsCompleted as number)));
        };
        open.onerror = () => resolve(0);
      }),
  );
}

test('an exported project carries its training checkpoint; the imported one offers Resume and finishes', async ({ page }, info) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByRole('textbox', { name: 'Hidden layers (units)' }).fill('8');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill(String(longRun));
  await page.getByRole('spinbutton', { name: 'Batch size' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Early stopping patience' }).fill('0');
  await page.getByTestId('train-button').click();
  await expect.poll(() => savedCheckpointEpoch(page), { timeout: 40_000, intervals: [250] }).toBeGreaterThan(1);
  await page.reload();
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toHaveText(new RegExp(`^Training was interrupted at epoch \\d+ of ${longRun}$`));
  const offered = await offer.textContent();

  await page.getByTestId('projects-button').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-project').click();
  const path = info.outputPath('interrupted.kiln');
  await (await download).saveAs(path);
  const entries = unzipSync(new Uint8Array(readFileSync(path)));
  expect(JSON.parse(new TextDecoder().decode(entries['kiln.json'])).version).toBe(2);
  expect(entries['checkpoint.bin'].length).toBeGreaterThan(1000);

  await page.getByTestId('new-project').click();
  await expect(page.getByTestId('projects-button')).toContainText('Untitled project');
  await expect(offer).toHaveCount(0);
  await page.getByTestId('projects-button').click();
  await page.getByTestId('import-project').setInputFiles(path);
  await expect(page.getByTestId('projects-button')).toContainText('(imported)');
  await expect(offer).toHaveText(offered!);
  await page.getByTestId('resume-offer-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(`Finished ${longRun} epochs`);
  await expect(page.getByTestId('epoch-counter')).toContainText(`epoch ${longRun} / ${longRun}`);
});
