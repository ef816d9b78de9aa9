import { expect, test, type Page } from '@playwright/test';
import { loadShapes, openStage, watchPage } from './helpers.ts';

const titles = ['Goal', 'Collect', 'Prepare', 'Augment', 'Split', 'Train', 'Evaluate', 'Deploy', 'Monitor'];

async function loadSample(page: Page, name: string, loaded: string) {
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: `Load ${name}` }).click();
  await expect(page.getByTestId('loaded')).toContainText(loaded);
}

test('Learn mode: every stage opens with its purpose and an example from the loaded data; terms open inline; folding is remembered', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  const intro = page.getByTestId('stage-intro');
  await expect(intro).toHaveAttribute('data-stage', 'goal');
  await expect(intro).toHaveAttribute('open', '');
  await expect(page.getByTestId('stage-intro-why')).toContainText('A spam filter'); // nothing loaded: the general example

  await loadSample(page, 'Iris', '150 rows');
  await expect(page.getByTestId('stage-intro-why')).toHaveText(
    'Why it matters: iris.csv has 150 rows: 50 rows for each of its 3 classes, so no class is starved; one with few examples would be the one the model learns least about.',
  );
  await openStage(page, 'Split');
  await expect(page.getByTestId('stage-intro-why')).toContainText('About 22 rows of iris.csv will be set aside as the exam the model never sees; about 23 validation rows');

  // A glossary term is a disclosure: click (or tap) opens it inline, Enter toggles it, Escape closes it.
  const testSet = intro.getByRole('button', { name: 'test set' });
  await testSet.click();
  await expect(testSet).toHaveAttribute('aria-expanded', 'true');
  await expect(intro.getByTestId('term-definition')).toContainText('kept aside until the end');
  await intro.screenshot({ path: 'test-results/screens/learn-split-intro.png' });
  await testSet.press('Escape');
  await expect(intro.getByTestId('term-definition')).toHaveCount(0);
  const validation = intro.getByRole('button', { name: 'validation set' });
  await validation.focus();
  await page.keyboard.press('Enter');
  await expect(validation).toHaveAttribute('aria-expanded', 'true');
  await expect(intro.getByTestId('term-definition')).toContainText('decide when to stop');

  // Every stage has its intro, with the stage's name.
  for (const title of titles) {
    await openStage(page, title);
    await expect(page.getByTestId('stage-intro')).toHaveAttribute('data-stage', title.toLowerCase());
    await expect(page.getByTestId('stage-intro').locator('summary')).toHaveText(`What is ${title} for?`);
  }

  // "Got it" folds the intro, and it stays folded after a reload; the other stages stay open.
  await openStage(page, 'Split');
  await intro.getByRole('button', { name: 'Got it, fold this away' }).click();
  await expect(intro).not.toHaveAttribute('open', '');
  await page.reload();
  await openStage(page, 'Split');
  await expect(page.getByTestId('stage-intro')).not.toHaveAttribute('open', '');
  await openStage(page, 'Train');
  await expect(page.getByTestId('stage-intro')).toHaveAttribute('open', '');

  // Learn mode off hides the intros everywhere, and is remembered too.
  await page.getByTestId('learn-toggle').uncheck();
  await expect(page.getByTestId('stage-intro')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('stage-intro')).toHaveCount(0);
  await page.getByTestId('learn-toggle').check();
  await expect(page.getByTestId('stage-intro')).toHaveCount(1);
  expect(watch.consoleErrors).toEqual([]);
});

test('loading a different data set offers to keep or reset the settings chosen for the last one', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Business objective').fill('Tell iris species apart');
  await loadSample(page, 'Iris', '150 rows');
  await expect(page.getByTestId('carry-over')).toHaveCount(0); // the same data set as the spec's: nothing to ask
  await openStage(page, 'Train');
  await page.getByLabel('Epochs', { exact: true }).fill('7');

  await loadSample(page, 'Palmer Penguins', '344 rows');
  const offer = page.getByTestId('carry-over');
  await expect(offer).toContainText('penguins.csv is loaded, but these settings were chosen for iris.csv');
  await expect(offer.locator('li')).toHaveText(['Goal: objective “Tell iris species apart”', 'Training: epochs 7']);
  await expect(offer).toBeInViewport(); // it sticks to the bottom of the screen, wherever the load scrolled to
  await page.waitForTimeout(600); // the loaded card's smooth scroll ends
  await page.screenshot({ path: 'test-results/screens/learn-carry-over.png' });
  await page.getByTestId('carry-reset').click();
  await expect(offer).toHaveCount(0);
  await openStage(page, 'Train');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('200');
  await openStage(page, 'Goal');
  await expect(page.getByLabel('Business objective')).toHaveValue('');

  // Keep leaves them as they are.
  await openStage(page, 'Train');
  await page.getByLabel('Epochs', { exact: true }).fill('9');
  await loadSample(page, 'Iris', '150 rows');
  await expect(offer.locator('li')).toHaveText(['Training: epochs 9']);
  await page.getByTestId('carry-keep').click();
  await expect(offer).toHaveCount(0);
  await openStage(page, 'Train');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('9');

  // The digits card names its label as the loaded set does.
  await openStage(page, 'Collect');
  await expect(page.getByTestId('sample-digits')).toContainText('label class');
});

test('presenter mode: large high-contrast single stage, arrow keys move stages, T starts and stops training, ? shows the keys', async ({ page }) => {
  await page.goto('/');
  await loadSample(page, 'Iris', '150 rows');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('3000');
  await page.getByLabel('Early stopping patience').fill('0'); // only T may end this run
  const fontBefore = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await expect(page.getByRole('navigation', { name: 'Lifecycle stages' })).toBeHidden();
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThan(fontBefore * 1.3);
  await expect(page.getByTestId('presenter-stage')).toHaveText('6 / 9 · Train');

  await page.locator('main h2').click(); // keys typed into a field stay the field's
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('presenter-stage')).toHaveText('7 / 9 · Evaluate');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('presenter-stage')).toHaveText('6 / 9 · Train');

  await page.keyboard.press('t');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('run-status')).toContainText('Training on', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screens/learn-presenter-train.png' });
  await page.keyboard.press('t');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 10_000 });
  await expect(page.getByTestId('run-status')).toContainText('Stopped after');
  // Charts made in presenter mode are drawn 1.6× taller (220 → 352 px) with larger axis type.
  const chartHeight = await page.locator('.uplot .u-wrap').first().evaluate((e) => e.getBoundingClientRect().height);
  expect(chartHeight).toBeGreaterThan(340);

  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-help');
  await expect(help).toBeVisible();
  await expect(help.locator('tr')).toHaveCount(6);
  await expect(help).toContainText('Start training, or stop it while it runs');
  await help.screenshot({ path: 'test-results/screens/learn-presenter-help.png' });
  await page.keyboard.press('ArrowRight'); // the open dialog keeps the keys
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByTestId('presenter-stage')).toHaveText('6 / 9 · Train');

  // Remembered across a reload; off puts the menu back.
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
  await expect(page.getByRole('navigation', { name: 'Lifecycle stages' })).toBeVisible();
});

test('a trained CNN shows its first-layer filters and a test image’s feature maps; the flip warning acts', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await loadShapes(page, 16, 10);

  await openStage(page, 'Augment');
  await expect(page.getByTestId('flip-note')).toBeVisible();
  await page.getByTestId('flip-off').click();
  await expect(page.getByTestId('flip-note')).toHaveCount(0);
  await expect(page.getByTestId('p-flipHorizontal')).toHaveValue('0');
  await expect(page.getByTestId('p-flipVertical')).toHaveValue('0');

  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('2');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /done|error/, { timeout: 120_000 });
  await expect(page.getByTestId('train-error')).toHaveCount(0);

  await openStage(page, 'Evaluate');
  const card = page.getByTestId('learned-filters');
  const summary = card.getByTestId('filters-summary');
  await expect(summary).toHaveText(/^8 filters of 3×3 pixels over 3 channels\. On \S+ \(true \w+, predicted \w+\) the strongest 16×16 feature maps are filter \d \(mean \d\.\d\d\)/);
  await expect(card.locator('[data-testid^="filter-"]')).toHaveCount(8);
  // Each kernel is drawn stretched from its lowest weight (black) to its highest (white).
  const levels = await card.locator('[data-testid="filter-1"] canvas').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return { w: c.width, h: c.height, min: Math.min(...d.filter((_, i) => i % 4 !== 3)), max: Math.max(...d.filter((_, i) => i % 4 !== 3)) };
  });
  expect(levels).toEqual({ w: 3, h: 3, min: 0, max: 255 });
  const first = await summary.textContent();
  await card.getByTestId('filters-example').selectOption({ index: 1 });
  await expect(summary).not.toHaveText(first!);
  await card.screenshot({ path: 'test-results/screens/learn-filters.png' });
  expect(watch.consoleErrors).toEqual([]);
});

test('at phone width the intros, an open term and presenter mode fit without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/');
  await loadSample(page, 'Iris', '150 rows');
  await openStage(page, 'Split');
  await page.getByTestId('stage-intro').getByRole('button', { name: 'validation set' }).click();
  await expect(page.getByTestId('term-definition')).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => !e.closest('nav') && (e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1))).slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)} ${e.scrollWidth}/${e.clientWidth}`));
  await page.screenshot({ path: 'test-results/screens/learn-phone-split.png' });
  expect(wide).toEqual([]);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByTestId('presenter-toggle').click();
  await expect(page.getByTestId('presenter-stage')).toHaveText('5 / 9 · Split');
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/screens/learn-phone-presenter.png' });
});
