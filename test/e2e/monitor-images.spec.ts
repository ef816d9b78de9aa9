import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadShapes, openStage, watchPage, trainOnCpu } from './helpers.ts';

/** The report of the last check, as drift.json downloads it. */
async function driftJson(page: Page): Promise<{ prediction: { histogram: { bins: string[]; batch: number[] } }; concept: { batch: number } }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-drift').click()]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8'));
}

/** Checks the labelled fixture folder (three shapes, three images each) against the deployed model. */
async function checkFixture(page: Page, model: number): Promise<Awaited<ReturnType<typeof driftJson>>> {
  await page.getByTestId('monitor-folder').setInputFiles('test/fixtures/images/shapes');
  await page.getByTestId('check-button').click();
  await expect(page.getByTestId('report').locator('h3')).toHaveText(`Check of shapes against model ${model}`);
  return driftJson(page);
}

const value = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));

test('Monitor, image model: retrain on a labelled image folder, promote, roll back to identical predictions', async ({ page, baseURL }) => {
  const started = Date.now();
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await loadShapes(page, 16, 8);
  await trainOnCpu(page, 3);

  await openStage(page, 'Monitor');
  await expect(page.getByTestId('baseline-metric')).toBeVisible();
  const championAccuracy = await value(page, 'baseline-metric');
  const first = await checkFixture(page, 1);
  expect(first.prediction.histogram.batch.reduce((a, b) => a + b, 0)).toBe(9);

  // The retrain card is there whether or not the batch drifted; images are the unit.
  const card = page.getByTestId('retrain');
  await expect(card).toContainText('9 labelled images');
  const advised = (await card.getAttribute('data-advised')) === 'true';
  if (!advised) await card.locator('summary').click(); // folded away when nothing drifted
  await page.getByTestId('mode-combine').check();
  await page.getByTestId('retrain-button').click();
  await expect(page.getByTestId('compare')).toBeVisible({ timeout: 60_000 });
  expect(await value(page, 'champion-value')).toBeCloseTo(championAccuracy, 10);
  const challengerAccuracy = await value(page, 'challenger-value');
  expect(challengerAccuracy).toBeGreaterThanOrEqual(0);
  expect(challengerAccuracy).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('compare').locator('caption')).toContainText('test images');
  await card.screenshot({ path: 'test-results/screens/monitor-images-retrain.png' });

  await page.getByTestId('promote').click();
  await expect(page.locator('[data-testid="model-history-row"][data-deployed="true"]')).toHaveAttribute('data-model', '2');
  await expect(page.locator('[data-testid="model-history-row"][data-model="1"]')).toContainText('files kept');
  expect(await value(page, 'baseline-metric')).toBeCloseTo(challengerAccuracy, 10);
  await checkFixture(page, 2);

  // Roll back, with a confirmation: Model 1 is live again, with its own metric and the very same predictions.
  await page.locator('[data-testid="model-history-row"][data-model="1"]').getByTestId('rollback-button').click();
  await expect(page.getByTestId('rollback-confirm')).toContainText('Roll back to Model 1 (from Train)?');
  await page.getByTestId('model-history').screenshot({ path: 'test-results/screens/monitor-rollback-confirm.png' });
  await page.getByTestId('rollback-yes').click();
  await expect(page.locator('[data-testid="model-history-row"][data-deployed="true"]')).toHaveAttribute('data-model', '1');
  await expect(page.locator('[data-testid="model-history-row"][data-model="2"]')).toContainText('files kept');
  expect(await value(page, 'baseline-metric')).toBe(championAccuracy);
  const again = await checkFixture(page, 1);
  expect(again.prediction.histogram).toEqual(first.prediction.histogram);
  expect(again.concept.batch).toBe(first.concept.batch);
  await page.screenshot({ path: 'test-results/screens/monitor-images-page.png', fullPage: true });

  // Train and Deploy follow the rolled-back model.
  await openStage(page, 'Train');
  await expect(page.getByTestId('run-status')).toContainText('rolled back');
  expect(watch.consoleErrors).toEqual([]);
  console.log(`monitor-images e2e: ${((Date.now() - started) / 1000).toFixed(1)} s; champion ${championAccuracy}, challenger ${challengerAccuracy}, fixture accuracy ${first.concept.batch}, advised ${advised}`);
});
