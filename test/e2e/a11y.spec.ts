import { expect, test, type Page } from '@playwright/test';
import { stages } from '../../src/lib/stages.ts';
import { readFileSync } from 'node:fs';
import { loadShapes, openStage } from './helpers.ts';

// axe-core runs inside the page (injected from node_modules), with the WCAG 2 A and AA rules.
const axePath = 'node_modules/axe-core/axe.min.js';
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
// The app's Content-Security-Policy refuses inline scripts, which is how Playwright injects axe.
test.use({ bypassCSP: true });

interface Found {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the whole page and returns its violations, each with up to 3 offending selectors. */
async function axe(page: Page): Promise<Found[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async (runOnly) => {
    const w = window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const { violations } = await w.axe.run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, tags);
}

/** Visits every stage, runs axe at each and files what it finds under `state · stage`. */
async function auditStages(page: Page, state: string, found: Record<string, Found[]>): Promise<void> {
  for (const [i, stage] of stages.entries()) {
    await openStage(page, stage.title);
    await expect(page.getByRole('heading', { level: 2, name: `${i + 1} · ${stage.title}` })).toBeVisible();
    // Settled panels only here; the Split preview mid-planning has its own test below (it holds planning with a paused clock).
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await page.waitForTimeout(150); // charts draw on the next frame
    const violations = await axe(page);
    if (violations.length) found[`${state} · ${stage.title}`] = violations;
  }
}

/** Trains the loaded data (on the CPU backend unless told) and waits for the end; `during` runs while it trains. */
async function train(page: Page, epochs: number, batch: number, during?: () => Promise<void>, backend = 'cpu'): Promise<void> {
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption(backend);
  await page.getByLabel('Epochs', { exact: true }).first().fill(String(epochs));
  await page.getByLabel('Batch size', { exact: true }).first().fill(String(batch));
  await page.getByTestId('train-button').click();
  if (during) await during();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
}

test('every stage is axe-clean with no data, with Iris loaded, while training and once trained', async ({ page }) => {
  const found: Record<string, Found[]> = {};
  await page.goto('/');
  await auditStages(page, 'empty', found);

  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await auditStages(page, 'loaded', found);
  // The tuning section under Train opens on demand.
  await openStage(page, 'Train');
  await page.getByRole('button', { name: 'Set up tuning' }).click();
  const tuning = await axe(page);
  if (tuning.length) found['loaded · Train, tuning set up'] = tuning;

  // A run that cannot end by itself (WASM, batches of 1, no early stopping) is audited mid-run, then stopped:
  // the CPU path finishes a few epochs before the audit could start.
  await openStage(page, 'Train');
  await page.getByLabel('Early stopping patience').fill('0');
  await train(page, 2000, 1, async () => {
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
    const violations = await axe(page);
    if (violations.length) found['training · Train'] = violations;
    await page.getByTestId('stop-button').click();
  }, 'wasm');
  await auditStages(page, 'trained', found);
  console.log(JSON.stringify(found, null, 1));
  expect(found).toEqual({});
});

test('the image-specific panels are axe-clean, loaded and trained', async ({ page }) => {
  const found: Record<string, Found[]> = {};
  await page.goto('/');
  await loadShapes(page, 16, 8);
  await auditStages(page, 'images loaded', found);
  await train(page, 2, 16);
  await auditStages(page, 'images trained', found);
  console.log(JSON.stringify(found, null, 1));
  expect(found).toEqual({});
});

/** Loads the Iris sample in Collect and waits until it is in. */
async function loadIris(page: Page): Promise<void> {
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
}

test('the Split preview is axe-clean while it is being replanned', async ({ page }) => {
  // axe waits on timers of its own, so it gets the real ones (kept before the fake clock goes in); the app's
  // timers, including the preview's 250 ms debounce, follow the clock, which stops while the audit runs.
  await page.addInitScript(() => {
    (window as unknown as { realTimers: object }).realTimers = { setTimeout: window.setTimeout.bind(window), clearTimeout: window.clearTimeout.bind(window) };
  });
  await page.clock.install();
  await page.goto('/');
  await loadIris(page);
  await openStage(page, 'Split');
  const preview = page.getByTestId('split-preview');
  await expect(preview).toHaveAttribute('data-state', 'ready');
  await page.evaluate((src) => {
    const w = window as unknown as { realTimers: { setTimeout: unknown; clearTimeout: unknown } };
    new Function('setTimeout', 'clearTimeout', src).call(window, w.realTimers.setTimeout, w.realTimers.clearTimeout);
  }, readFileSync(axePath, 'utf8'));
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  await page.getByTestId('split-seed').fill('7');
  await expect(preview).toHaveAttribute('data-state', 'loading');
  await expect(preview).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('split-planning')).toHaveText('Planning the split with the new settings…');
  // The last plan stays on screen, at full strength, while the new one is worked out.
  await expect(preview.getByTestId('split-bar')).toBeVisible();
  expect(await preview.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  await preview.screenshot({ path: 'test-results/screens/split-planning.png' });
  const violations = await axe(page);
  console.log(JSON.stringify(violations, null, 1));
  expect(violations).toEqual([]);
  await page.clock.resume();
  await expect(preview).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('split-planning')).toHaveCount(0);
});

test('presenter mode is axe-clean on Train, Evaluate and Deploy with Iris trained', async ({ page }) => {
  const found: Record<string, Found[]> = {};
  await page.goto('/');
  await loadIris(page);
  await train(page, 10, 16);
  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  // The stage menu is hidden in presenter mode; its own next button moves on.
  for (const [i, title] of [[6, 'Train'], [7, 'Evaluate'], [8, 'Deploy']] as const) {
    if (i > 6) await page.getByRole('button', { name: 'Next stage' }).click();
    await expect(page.getByRole('heading', { level: 2, name: `${i} · ${title}` })).toBeVisible();
    await page.waitForTimeout(150); // charts draw on the next frame
    await page.screenshot({ path: `test-results/screens/presenter-${title.toLowerCase()}.png`, fullPage: true });
    const violations = await axe(page);
    if (violations.length) found[`presenter · ${title}`] = violations;
  }
  console.log(JSON.stringify(found, null, 1));
  expect(found).toEqual({});
});

test.describe('at phone width (360 × 740)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  // Narrow screens make tables scroll sideways, and a region that scrolls must be reachable by keyboard.
  test('every stage is axe-clean with Iris loaded and trained', async ({ page }) => {
    const found: Record<string, Found[]> = {};
    await page.goto('/');
    await openStage(page, 'Collect');
    await page.getByRole('button', { name: 'Load Iris' }).click();
    await expect(page.getByTestId('loaded')).toContainText('150 rows');
    await train(page, 10, 16);
    await auditStages(page, 'phone, trained', found);
    console.log(JSON.stringify(found, null, 1));
    expect(found).toEqual({});
  });
});

test('a refused file is said in the page\'s one polite live region', async ({ page }) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByTestId('csv-input').setInputFiles('test/fixtures/empty.csv');
  await expect(page.getByTestId('load-error')).toBeVisible();
  const live = page.getByTestId('live-region');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText(`Could not load the data: ${await page.getByTestId('load-error').textContent()}`);
});
