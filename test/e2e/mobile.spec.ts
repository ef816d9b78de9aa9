import { expect, test, type Page } from '@playwright/test';
import { stages } from '../../src/lib/stages.ts';
import { loadShapes, openStage } from './helpers.ts';

// Other people's runs clear test-results/, so KILN_SCREENS can keep the screenshots elsewhere to look at.
const screens = process.env.KILN_SCREENS ?? 'test-results/screens';

/** The innermost elements that stick out past the right edge of the screen, to name in a failure. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    // Inside a box that scrolls or clips sideways, sticking out is that box's business, not the page's.
    const clipped = (el: Element) => {
      if (/absolute|fixed/.test(getComputedStyle(el).position)) return false; // escapes a clipping parent that is not positioned
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > edge + 0.5 && !clipped(el));
    return wide
      .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`);
  });

/** Controls and text that stick out past the right edge of their card (the page fits, but the card does not). */
const outOfCard = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const card of document.querySelectorAll('main .card')) {
      const edge = card.getBoundingClientRect().right;
      for (const el of card.querySelectorAll('input, select, button, p, table, canvas, img')) {
        let clipped = false;
        for (let p = el.parentElement; p && p !== card; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') clipped = true;
        const r = el.getBoundingClientRect();
        if (!clipped && r.width > 0 && r.right > edge + 1) out.push(`${el.tagName.toLowerCase()} ${Math.round(r.right - edge)} px past its card`);
      }
    }
    return out.slice(0, 5);
  });

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
const sideways = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);

/** Opens every stage, asserts the page is no wider than the screen and saves a full-page screenshot of each. */
async function visitAll(page: Page, state: string, width: number): Promise<Record<string, number>> {
  const widths: Record<string, number> = {};
  for (const [i, stage] of stages.entries()) {
    await openStage(page, stage.title);
    await expect(page.getByRole('heading', { level: 2, name: `${i + 1} · ${stage.title}` })).toBeVisible();
    await page.waitForTimeout(200); // charts size themselves on the next frame
    widths[stage.title] = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    await page.screenshot({ path: `${screens}/${width}-${state}-${stage.id}.png`, fullPage: true });
    const culprits = widths[stage.title] > width ? (await overflowing(page)).join(', ') : '';
    expect.soft(widths[stage.title], `${state} · ${stage.title} scrolls sideways: ${culprits}`).toBeLessThanOrEqual(width);
    expect.soft(await sideways(page), `${state} · ${stage.title}`).toBeLessThanOrEqual(0);
    expect.soft(await outOfCard(page), `${state} · ${stage.title}: inside its cards`).toEqual([]);
  }
  return widths;
}

/** Loads Iris and trains it briefly on the CPU backend. */
async function loadAndTrain(page: Page, before: (state: string) => Promise<void>): Promise<void> {
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await before('loaded');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('20');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await before('trained');
}

test.describe('at phone width (360 × 740)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('every stage fits 360 px with no sideways scroll, empty, loaded and trained; the stage strip stays reachable', async ({ page }) => {
    await page.goto('/');
    await visitAll(page, 'empty', 360);
    // A short page does not stretch the stage strip into a blank band.
    await openStage(page, 'Goal');
    const strip = await page.getByRole('navigation', { name: 'Lifecycle stages' }).boundingBox();
    expect(strip!.height).toBeLessThan(70);
    await loadAndTrain(page, async (state) => void console.log(state, JSON.stringify(await visitAll(page, state, 360))));
    // Scrolled to the bottom of a long page, the stage strip is still on screen.
    await openStage(page, 'Evaluate');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(page.getByRole('navigation', { name: 'Lifecycle stages' })).toBeInViewport();
    await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('button', { name: /^\d Deploy/ }).click();
    await expect(page.getByRole('heading', { name: '8 · Deploy' })).toBeVisible();
  });
});

test.describe('an image set at phone width (360 × 740)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the image panels (thumbnails, augment previews, image evaluation and playground) fit 360 px', async ({ page }) => {
    await page.goto('/');
    await loadShapes(page, 16, 8);
    await visitAll(page, 'images-loaded', 360);
    await openStage(page, 'Train');
    await page.getByTestId('backend-select').selectOption('cpu');
    await page.getByLabel('Epochs', { exact: true }).first().fill('2');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    await visitAll(page, 'images-trained', 360);
  });
});

test('at desktop width the stage menu stays in view on a long page, and every stage is screenshotted', async ({ page }) => {
  await page.goto('/');
  await loadAndTrain(page, async (state) => void (await visitAll(page, state, 1280)));
  await openStage(page, 'Prepare');
  await expect(page.getByTestId('correlation-grid')).toBeVisible(); // the profile draws after the stage opens
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await expect(page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('button', { name: /^\d Monitor/ })).toBeInViewport();
});
