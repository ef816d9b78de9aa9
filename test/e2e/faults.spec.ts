import { expect, test, type Page } from '@playwright/test';
import { openStage } from './helpers.ts';

// Faults during training: a reload, a dead worker, a lost WebGPU device. Iris, a small MLP
// (8 hidden units: a non-default model, so no linear model is trained after it) and batches of
// one, so an epoch takes a noticeable moment and there is a mid-run to interrupt.

/** The epoch of the checkpoint the page saved to IndexedDB for the open project, or 0. */
async function savedCheckpointEpoch(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('kiln');
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('meta').objectStore('meta').getAll();
          all.onsuccess = () => {
            const infos = (all.result as string[]).filter((v) => v.startsWith('{')).map((v) => JSON.parse(v) as { epochsCompleted: number });
            db.close();
            resolve(Math.max(0, ...infos.map((i) => i.epochsCompleted)));
          };
        };
        open.onerror = () => resolve(0);
      }),
  );
}

/** Epochs of the WASM runs: long enough (~0.1 s an epoch) that a checkpoint is saved before the run ends, even on a fast machine. */
const longRun = 150;

/** Loads Iris and sets up a run of `epochs` on `backend` that takes a few seconds. */
async function setUpRun(page: Page, backend: string, epochs: number, batch: number): Promise<void> {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption(backend);
  await page.getByRole('textbox', { name: 'Hidden layers (units)' }).fill('8');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill(String(epochs));
  await page.getByRole('spinbutton', { name: 'Batch size' }).fill(String(batch));
  await page.getByRole('spinbutton', { name: 'Early stopping patience' }).fill('0');
}

/** Starts training and waits until a checkpoint past epoch 1 is in IndexedDB; returns its epoch. */
async function trainUntilCheckpoint(page: Page): Promise<number> {
  await page.getByTestId('train-button').click();
  let saved = 0;
  await expect.poll(async () => (saved = await savedCheckpointEpoch(page)), { timeout: 40_000, intervals: [250] }).toBeGreaterThan(1);
  return saved;
}

test('a reload mid-training offers the checkpoint, and Resume trains to the last epoch', async ({ page }) => {
  await setUpRun(page, 'wasm', longRun, 1);
  const saved = await trainUntilCheckpoint(page);
  await page.reload();
  // The project comes back with its data, and the Train page offers the run where it was saved.
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toHaveText(new RegExp(`^Training was interrupted at epoch (\\d+) of ${longRun}$`));
  const at = Number((await offer.textContent())!.match(/epoch (\d+)/)![1]);
  expect(at).toBeGreaterThanOrEqual(saved);
  expect(at).toBeLessThan(longRun);
  await page.screenshot({ path: 'test-results/screens/faults-resume-offer.png', fullPage: true });
  await page.getByTestId('resume-offer-button').click();
  await expect(page.getByTestId('resume-card')).toBeHidden();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(`Finished ${longRun} epochs`);
  // The curve holds every epoch: the saved ones sent again, then the rest.
  await expect(page.getByTestId('epoch-counter')).toContainText(`epoch ${longRun} / ${longRun}`);
  expect(await savedCheckpointEpoch(page)).toBe(0); // a finished run leaves no checkpoint behind
});

test('a worker killed mid-training is replaced; the data stays and training finishes from the checkpoint', async ({ page }) => {
  await setUpRun(page, 'wasm', longRun, 1);
  await page.evaluate(() => (window as unknown as { kilnFaults: { setDeadAfterMs(ms: number): void } }).kilnFaults.setDeadAfterMs(4000));
  const saved = await trainUntilCheckpoint(page);
  // What is simulated: Worker.terminate() ends the worker at once and tells the page nothing, as an
  // out-of-memory kill or a crash does; the page must notice by itself (its heartbeat goes unanswered).
  await page.evaluate(() => (window as unknown as { kilnFaults: { killWorker(): void } }).kilnFaults.killWorker());
  const notice = page.getByTestId('recovery-notice');
  await expect(notice).toContainText('The training worker stopped responding (it may have run out of memory or crashed).', { timeout: 20_000 });
  await expect(notice).toContainText(new RegExp(`going on from epoch (\\d+) of ${longRun} on the CPU`));
  const from = Number((await notice.textContent())!.match(/from epoch (\d+)/)![1]);
  expect(from).toBeGreaterThanOrEqual(saved);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(`Finished ${longRun} epochs`);
  await expect(page.getByTestId('backend-reason')).toContainText('Backend cpu');
  await expect(page.getByTestId('backend-select')).toHaveValue('cpu');
  await page.screenshot({ path: 'test-results/screens/faults-worker-killed.png', fullPage: true });
  // The data is still loaded (the new worker got it from the project store).
  await openStage(page, 'Collect');
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
});

test('a lost WebGPU device (GPUDevice.destroy in the worker) goes on on WebGL from the checkpoint', async ({ page }) => {
  await setUpRun(page, 'webgpu', 12, 16);
  await page.getByTestId('train-button').click();
  // Batches of 16 on SwiftShader: wait for a saved checkpoint, then destroy the real device.
  await expect.poll(() => savedCheckpointEpoch(page), { timeout: 60_000, intervals: [250] }).toBeGreaterThan(0);
  const lost = await page.evaluate(() => (window as unknown as { kilnFaults: { loseDevice(): Promise<boolean> } }).kilnFaults.loseDevice());
  expect(lost).toBe(true);
  const notice = page.getByTestId('recovery-notice');
  await expect(notice).toContainText('The graphics device (GPU) was lost during training', { timeout: 20_000 });
  await expect(notice).toContainText(/going on from epoch \d+ of 12 on WebGL/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Finished 12 epochs');
  await expect(page.getByTestId('backend-reason')).toContainText('Backend webgl');
  await page.screenshot({ path: 'test-results/screens/faults-device-lost.png', fullPage: true });
});
