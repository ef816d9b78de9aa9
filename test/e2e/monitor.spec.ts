import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { loadShapes, openStage, watchPage, trainOnCpu } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'kiln-monitor-e2e-'));

/** A seeded generator (mulberry32) so every run writes the same files. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows of x ~ N(shift, 1), z ~ U(0, 10), a colour; label y = yes when x + 0.2 z > 1. */
function rows(n: number, seed: number, shift = 0, columns = ['x', 'z', 'colour', 'y']): string {
  const r = rng(seed);
  const out = [columns.join(',')];
  for (let i = 0; i < n; i++) {
    const x = shift + Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    const z = 10 * r();
    const colour = ['red', 'green', 'blue'][Math.floor(r() * 3)];
    const cells: Record<string, string> = { x: x.toFixed(3), z: z.toFixed(2), colour, y: x + 0.2 * z > 1 ? 'yes' : 'no' };
    out.push(columns.map((c) => cells[c]).join(','));
  }
  return out.join('\n') + '\n';
}

const file = (name: string, text: string) => {
  writeFileSync(join(tmp, name), text);
  return join(tmp, name);
};

async function checkBatch(page: Page, path: string): Promise<void> {
  await page.getByTestId('monitor-file').setInputFiles(path);
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('report')).toHaveAttribute('data-source', path.split('/').at(-1)!);
}

test('Monitor: baseline, clean and shifted batches, a bad batch, champion/challenger and resources', async ({ page, baseURL }) => {
  const started = Date.now();
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByTestId('label-input').fill('y');
  await page.getByTestId('csv-input').setInputFiles(file('train.csv', rows(300, 1)));
  await expect(page.getByTestId('loaded')).toContainText('train.csv: 300 rows, 4 columns');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('15');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('resources-summary')).toContainText('tensors');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  // The baseline: one row per feature, the test metric, and statistics.json in Model Monitor's schema.
  await openStage(page, 'Monitor');
  const baseline = page.getByTestId('baseline-table');
  await expect(baseline.locator('tbody tr')).toHaveCount(3);
  await expect(baseline.locator('tr[data-feature="x"] td').first()).toHaveText('Fractional');
  await expect(baseline.locator('tr[data-feature="colour"] td').first()).toHaveText('String');
  const accuracy = Number(await page.getByTestId('baseline-metric').getAttribute('data-value'));
  expect(accuracy).toBeGreaterThan(0.7);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-statistics').click()]);
  const statistics = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(statistics.version).toBe(0);
  expect(statistics.dataset.item_count).toBe(210); // the 70% training rows
  expect(statistics.features.map((f: { name: string }) => f.name)).toEqual(['x', 'z', 'colour']);

  // A clean batch from the training distribution: no drift.
  await checkBatch(page, file('clean.csv', rows(200, 2)));
  await expect(page.getByTestId('verdict')).toContainText('No violations and no drift');
  await expect(page.locator('[data-testid="violations"] tr[data-check="baseline_drift_check"]')).toHaveCount(0);
  await expect(page.getByTestId('concept')).toBeVisible();
  // Nothing to retrain for, but retraining stays on offer, folded away.
  await expect(page.getByTestId('retrain')).toHaveAttribute('data-advised', 'false');
  await expect(page.getByTestId('retrain-optional')).toBeVisible();
  await expect(page.getByTestId('goto-retrain')).toHaveCount(0);
  await page.getByTestId('retrain').screenshot({ path: 'test-results/screens/monitor-retrain-optional.png' });

  // A bad batch: a missing column is a violation, not an error.
  await checkBatch(page, file('missing.csv', rows(50, 3, 0, ['x', 'colour', 'y'])));
  await expect(page.locator('[data-testid="violations"] tr[data-check="missing_column_check"][data-feature="z"]')).toContainText("'z'");
  // Text in a number column, a column the model never saw, and a class it was never trained on.
  const hostile = rows(60, 5).trim().split('\n').map((line, i) => {
    const cells = line.split(',');
    if (i > 0 && i % 4 === 0) cells[1] = 'lots';
    if (i > 0 && i % 10 === 0) cells[3] = 'maybe';
    return [...cells, i === 0 ? 'note' : `n${i}`].join(',');
  });
  await checkBatch(page, file('hostile.csv', hostile.join('\n') + '\n'));
  const violations = page.getByTestId('violations');
  await expect(violations.locator('tr[data-check="data_type_check"][data-feature="z"]')).toHaveCount(1);
  await expect(violations.locator('tr[data-check="extra_column_check"][data-feature="note"]')).toHaveCount(1);
  await expect(violations.locator('tr[data-check="categorical_values_check"][data-feature="y"]')).toContainText("'maybe' (6 rows)");
  await expect(page.getByTestId('report')).toContainText('(15 could not be predicted)');

  // An empty file: one clear message, and the last report stays.
  await page.getByTestId('monitor-file').setInputFiles(file('empty.csv', ''));
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('check-error')).toContainText('empty.csv');
  await expect(page.getByTestId('report')).toHaveAttribute('data-source', 'hostile.csv');

  // A batch with x shifted by 2: drift on x (and only x), and the retrain offer.
  await checkBatch(page, file('shifted.csv', rows(200, 4, 2)));
  await expect(page.locator('[data-testid="violations"] tr[data-check="baseline_drift_check"][data-feature="x"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="violations"] tr[data-check="baseline_drift_check"]')).toHaveCount(1);
  const x = page.locator('[data-testid="drift-table"] tr[data-feature="x"]');
  await expect(x).toHaveAttribute('data-drifted', 'true');
  expect(Number(await x.getAttribute('data-psi'))).toBeGreaterThan(1);
  await expect(page.getByTestId('histogram')).toHaveAttribute('data-feature', 'x');
  await expect(page.getByTestId('retrain')).toHaveAttribute('data-advised', 'true');
  await expect(page.getByTestId('retrain')).toContainText('Because x drifted');
  await expect(page.getByTestId('goto-retrain')).toBeVisible();
  await expect(page.getByTestId('retrain-button')).toBeVisible();
  // The check ends with a fresh resources reading: the champion and its deployed predictor.
  const tensors = async () => Number(await page.getByTestId('res-tensors').getAttribute('data-value'));
  await page.waitForTimeout(1200);
  const championTensors = await tensors();
  expect(championTensors).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/monitor-drift.png', fullPage: true });

  // Champion vs challenger on the same test rows; promote; the history keeps both.
  await page.getByTestId('mode-combine').check();
  await page.getByTestId('retrain-button').click();
  await expect(page.getByTestId('compare')).toBeVisible({ timeout: 60_000 });
  const champion = Number(await page.getByTestId('champion-value').getAttribute('data-value'));
  const challenger = Number(await page.getByTestId('challenger-value').getAttribute('data-value'));
  expect(champion).toBeCloseTo(accuracy, 10);
  expect(challenger).toBeGreaterThan(0.5);
  await expect(page.getByTestId('compare').locator('caption')).toContainText('45 test rows');
  await page.getByTestId('retrain').screenshot({ path: 'test-results/screens/monitor-retrain.png' });
  await page.getByTestId('promote').click();
  await expect(page.getByTestId('model-history-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="model-history-row"][data-deployed="true"]')).toContainText('Model 2');
  // The promoted model's baseline describes its own training rows: the original 210 plus the batch's 165.
  await expect(page.getByTestId('baseline')).toContainText('Statistics of the 375 training rows');
  // The old champion, its predictor and the challenger's extra copy are freed: the same tensors as before, no leak.
  await page.waitForTimeout(1200);
  expect(await tensors()).toBe(championTensors);
  // Train and Deploy follow the promoted model; coming back keeps the Monitor's history.
  await openStage(page, 'Train');
  await expect(page.getByTestId('run-status')).toContainText('Model 2');
  await openStage(page, 'Deploy');
  await expect(page.getByTestId('live-prediction')).toHaveText(/yes|no/);
  await openStage(page, 'Monitor');
  await expect(page.getByTestId('model-history-row')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screens/monitor-page.png', fullPage: true });

  // Roll back to Model 1: its own baseline and metric again, and no tensor left over from Model 2.
  await page.locator('[data-testid="model-history-row"][data-model="1"]').getByTestId('rollback-button').click();
  await page.getByTestId('rollback-yes').click();
  await expect(page.locator('[data-testid="model-history-row"][data-deployed="true"]')).toHaveAttribute('data-model', '1');
  await expect(page.getByTestId('baseline')).toContainText('Statistics of the 210 training rows');
  expect(Number(await page.getByTestId('baseline-metric').getAttribute('data-value'))).toBe(accuracy);
  // A model rebuilt from its files holds no optimizer slots, so at most the trained champion's tensors.
  await page.waitForTimeout(1200);
  expect(await tensors()).toBeLessThanOrEqual(championTensors);
  expect(await tensors()).toBeGreaterThan(0);
  expect(watch.consoleErrors).toEqual([]);
  console.log(`monitor e2e: ${((Date.now() - started) / 1000).toFixed(1)} s; champion ${champion}, challenger ${challenger}`);
});

/** A 16 px greyscale PNG of one flat dark level with a little noise. */
function darkPng(seed: number): Uint8Array {
  const r = rng(seed);
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < 16 * 16; i++) {
    const v = Math.floor(10 + 20 * r());
    png.data.set([v, v, v, 255], i * 4);
  }
  return new Uint8Array(PNG.sync.write(png));
}

test('Monitor for an image model: image-feature baseline, the fixture folder, and a zip of dark images', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await loadShapes(page, 16, 8);
  await trainOnCpu(page, 3);

  await openStage(page, 'Monitor');
  await expect(page.getByTestId('baseline-table').locator('tr[data-feature="brightness"]')).toHaveCount(1);
  await expect(page.getByTestId('baseline-table').locator('tr[data-feature="contrast"]')).toHaveCount(1);

  // The fixture folder: labelled by its class folders, so the accuracy on it is measured.
  await page.getByTestId('monitor-folder').setInputFiles('test/fixtures/images/shapes');
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('report')).toHaveAttribute('data-source', 'shapes');
  await expect(page.getByTestId('concept')).toBeVisible();

  // Dark images in a zip: their brightness drifted.
  const entries = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`circle/dark-${i}.png`, darkPng(i + 1)]));
  writeFileSync(join(tmp, 'dark.zip'), zipSync(entries));
  await page.getByTestId('monitor-zip').setInputFiles(join(tmp, 'dark.zip'));
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('report')).toHaveAttribute('data-source', 'dark.zip');
  await expect(page.locator('[data-testid="drift-table"] tr[data-feature="brightness"]')).toHaveAttribute('data-drifted', 'true');
  await expect(page.locator('[data-testid="violations"] tr[data-check="baseline_drift_check"][data-feature="brightness"]')).toHaveCount(1);
  await page.getByTestId('report').screenshot({ path: 'test-results/screens/monitor-images.png' });
  expect(watch.consoleErrors).toEqual([]);
});
