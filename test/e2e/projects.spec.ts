import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { loadShapes, openStage } from './helpers.ts';

// Projects: autosave to IndexedDB, restore on reload, .kiln export/import and share links.
// Iris (150 rows), 5 epochs on the CPU backend: a few seconds of training.

async function loadIris(page: Page): Promise<void> {
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
}

async function train(page: Page, epochs: number): Promise<void> {
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill(String(epochs)); // not getByLabel: the curves' descriptions say 'epochs' too
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
}

/** The test metrics Evaluate shows, as numbers by name. */
async function testMetrics(page: Page): Promise<Record<string, string | null>> {
  await openStage(page, 'Evaluate');
  const cards = page.getByTestId('test-metrics').locator('[data-metric]');
  await expect(cards.first()).toBeVisible();
  return Object.fromEntries(await cards.evaluateAll((els) => els.map((e) => [e.getAttribute('data-metric'), e.getAttribute('data-value')])));
}

/** What the Deploy playground predicts for its first test row, computed by the worker's model now. */
async function livePrediction(page: Page): Promise<string> {
  await openStage(page, 'Deploy');
  await expect(page.getByTestId('live-prediction')).toBeVisible({ timeout: 30_000 });
  const text = await page.getByTestId('playground').innerText();
  return text.replace(/[\d.]+ ms in the worker/, '');
}

async function openProjects(page: Page): Promise<void> {
  await page.getByTestId('projects-button').click();
  await expect(page.getByTestId('projects-dialog')).toBeVisible();
}

test('a project keeps its data, model and runs across a reload, and a .kiln file carries them into a new project', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await loadIris(page);
  await train(page, 5);
  const metrics = await testMetrics(page);
  const predicted = await livePrediction(page);
  expect(predicted).toMatch(/Predicted class/);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await openProjects(page);
  await expect(page.getByTestId('project-item')).toContainText('1 run');
  await page.screenshot({ path: 'test-results/screens/projects-menu.png' });
  await page.keyboard.press('Escape');

  const started = Date.now();
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect(page.getByTestId('run-status')).toHaveCount(0); // the stage shown is Goal
  await openStage(page, 'Collect');
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  const restoreMs = Date.now() - started;
  expect(await testMetrics(page)).toEqual(metrics);
  await expect(page.getByTestId('run-comparison')).toContainText('Run 1');
  expect(await livePrediction(page)).toBe(predicted); // the model itself came back, not only its scores

  // A second run joins the history and survives too.
  await train(page, 3);
  const metrics2 = await testMetrics(page);
  const predicted2 = await livePrediction(page);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await openProjects(page);
  await expect(page.getByTestId('project-item')).toContainText('2 runs');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-project').click();
  const file = await download;
  const path = info.outputPath('iris.kiln');
  await file.saveAs(path);
  expect(file.suggestedFilename()).toBe('My first project.kiln');
  const exported = statSync(path).size;
  expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');

  await page.getByTestId('new-project').click();
  await expect(page.getByTestId('projects-button')).toContainText('Untitled project');
  await openStage(page, 'Collect');
  await expect(page.getByTestId('loaded')).toHaveCount(0);

  await openProjects(page);
  const importStarted = Date.now();
  await page.getByTestId('import-project').setInputFiles(path);
  await expect(page.getByTestId('projects-dialog')).toBeHidden();
  await expect(page.getByTestId('projects-button')).toContainText('My first project (imported)');
  await openStage(page, 'Collect');
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  const importMs = Date.now() - importStarted;
  expect(await testMetrics(page)).toEqual(metrics2);
  await expect(page.getByTestId('run-comparison')).toContainText('Run 2');
  expect(await livePrediction(page)).toBe(predicted2); // the imported model predicts as the exported one did
  await openProjects(page);
  await expect(page.getByTestId('project-item')).toHaveCount(3);
  await expect(page.getByTestId('storage-estimate')).toContainText(/used of/);
  await page.screenshot({ path: 'test-results/screens/projects-after-import.png' });
  await page.keyboard.press('Escape');
  const inAppRestoreMs = await page.getByTestId('projects-dialog').getAttribute('data-restore-ms');

  // Reproducible: the same spec, seed and backend (CPU) train to the very same test scores.
  await train(page, 5);
  expect(await testMetrics(page)).toEqual(metrics);
  await openProjects(page);
  const history = page.getByTestId('run-history');
  await expect(history.getByTestId('history-row')).toHaveCount(3);
  await history.getByTestId('sort-epochs').click(); // most epochs first
  await expect(history.getByTestId('history-row').first()).toHaveAttribute('data-run', /^[13]$/);
  await history.getByLabel('Pick run 1').check();
  await history.getByLabel('Pick run 3').check();
  await expect(history.getByTestId('spec-diff')).toContainText('Run 1 → Run 3: same settings and data.');
  await history.getByLabel('Pick run 3').uncheck();
  await history.getByLabel('Pick run 2').check();
  await expect(history.getByTestId('spec-diff')).toContainText('train.epochs 5 → 3');
  await page.screenshot({ path: 'test-results/screens/projects-history.png' });
  await history.getByTestId('compare-picked').click();
  await expect(page.getByTestId('compare-table')).toBeVisible();
  console.log(JSON.stringify({ exportedBytes: exported, reloadToDataMs: restoreMs, importToDataMs: importMs, inAppRestoreMs }));
});

test('a bad .kiln file is refused with a message and changes nothing; a share link brings the settings and the sample', async ({ page, context }, info) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await openProjects(page);
  const bad = info.outputPath('bad.kiln');
  writeFileSync(bad, 'PK\u0003\u0004 this is not really a zip');
  await page.getByTestId('import-project').setInputFiles(bad);
  await expect(page.getByTestId('file-error')).toContainText('Could not import it: bad.kiln: is damaged or truncated');
  await expect(page.getByTestId('project-item')).toHaveCount(1);
  await page.keyboard.press('Escape');

  await openStage(page, 'Goal');
  await page.getByTestId('goal-target').fill('0.93');
  await openProjects(page);
  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).toMatch(/#spec=[\w-]+$/);
  await page.screenshot({ path: 'test-results/screens/projects-share.png' });

  const other = await context.browser()!.newContext();
  const pupil = await other.newPage();
  await pupil.goto(link);
  await expect(pupil.getByTestId('projects-button')).toContainText('Shared configuration');
  await openStage(pupil, 'Collect');
  await expect(pupil.getByTestId('loaded')).toContainText('150 rows');
  await openStage(pupil, 'Goal');
  await expect(pupil.getByTestId('goal-target')).toHaveValue('0.93');
  expect(pupil.url()).not.toContain('#spec');
  await other.close();
});

test('a full disk gets a clear message and leaves the last save whole', async ({ page }) => {
  // Chromium's real quota cannot be filled here: make IndexedDB refuse the data blob as a full disk does.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull && String(key).endsWith('/data')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
  await loadIris(page);
  await expect(page.getByTestId('save-state')).toHaveText('Not saved');
  await openProjects(page);
  await expect(page.getByTestId('projects-error')).toHaveText(
    "My first project: the browser's storage for Kiln is full, so nothing of this save was written (the last save is intact). Delete old projects in the Projects menu, or export this one as a .kiln file",
  );
  await page.screenshot({ path: 'test-results/screens/projects-disk-full.png' });
  // The record of that save (which said "data 5.9 KB") was not written without its data.
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await openProjects(page);
  await expect(page.getByTestId('project-item')).toContainText('no data');
});

test('an image set comes back after a reload, decoded pixels and all', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await loadShapes(page, 16, 6);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await openProjects(page);
  await expect(page.getByTestId('project-item')).toContainText('data 14 KB'); // 18 images × 16 × 16 × 3 bytes, their labels and names
  await page.reload();
  await openStage(page, 'Collect');
  await expect(page.getByTestId('image-in-use')).toBeVisible();
  await expect(page.getByTestId('restored-notice')).toHaveCount(0);
});

test('a 100,000-row table is saved and restored (timings printed)', async ({ page }, info) => {
  const rows = ['a,b,c,d,e,f,g,h,i,label'];
  for (let r = 0; r < 100_000; r++) rows.push(`${Array.from({ length: 9 }, (_, c) => ((r * 7919 + c * 104729) % 10007) / 10).join(',')},${r % 3 === 0 ? 'yes' : 'no'}`);
  const path = info.outputPath('big.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await openStage(page, 'Collect');
  await page.getByTestId('csv-input').setInputFiles(path);
  await expect(page.getByTestId('loaded')).toContainText('100000 rows');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-save-ms', /\d+/);
  const saveMs = Number(await page.getByTestId('save-state').getAttribute('data-save-ms'));
  const started = Date.now();
  await page.reload();
  await openStage(page, 'Collect');
  await expect(page.getByTestId('loaded')).toContainText('100000 rows');
  const reloadMs = Date.now() - started;
  await openProjects(page);
  const restoreMs = Number(await page.getByTestId('projects-dialog').getAttribute('data-restore-ms'));
  await expect(page.getByTestId('project-item')).toContainText('data 7.2 MB'); // 9 × 8 bytes + 4 bytes a row
  console.log(JSON.stringify({ csvBytes: statSync(path).size, saveMs, reloadToDataMs: reloadMs, inAppRestoreMs: restoreMs }));
});
