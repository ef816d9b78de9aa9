import { expect, test, type Page } from '@playwright/test';

// Keyboard only: after page.goto nothing here clicks, fills or selects; every step is a key press.

/** What has focus: tag, its accessible-ish text and test id, e.g. "button|Load Iris|". */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const text = (el.getAttribute('aria-label') ?? el.innerText ?? '').replace(/\s+/g, ' ').trim();
    return `${el.tagName.toLowerCase()}|${text}|${el.dataset.testid ?? ''}`;
  });

/** Presses `key` (Tab or Shift+Tab) until the focused element's description matches `want`; returns the presses it took. */
async function tabTo(page: Page, want: RegExp, key = 'Tab', max = 80): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key);
    if (want.test(await focused(page))) return n;
  }
  throw new Error(`${want} not reached in ${max} × ${key}; focus is on ${await focused(page)}`);
}

/** Reaches a stage in the menu from anywhere by Shift+Tab and opens it with Enter. */
async function openByKeys(page: Page, n: number, title: string): Promise<void> {
  await tabTo(page, new RegExp(`^button\\|${n} ${title}`), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: `${n} · ${title}` })).toBeVisible();
}

test('keyboard only: skip link, load Iris, walk the stages, train and read a metric', async ({ page }) => {
  await page.goto('/');
  const live = page.getByTestId('live-region');

  // The first Tab reaches "Skip to content"; Enter puts focus on the stage's heading.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('a|Skip to content|');
  await page.screenshot({ path: `${process.env.KILN_SCREENS ?? 'test-results/screens'}/keyboard-skip-link.png`, clip: { x: 0, y: 0, width: 1280, height: 300 } });
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatch(/^h2\|1 · Goal/);
  // Learn mode's "Got it" folds its box away with the button in it: focus goes to the box's summary.
  await tabTo(page, /^button\|Got it, fold this away\|/);
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toMatch(/^summary\|What is Goal for\?/);

  // Collect: Load Iris. The button is disabled while loading; focus lands on the result, not the page body.
  await openByKeys(page, 2, 'Collect');
  await tabTo(page, /^button\|Load Iris\|/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await expect.poll(() => focused(page)).toMatch(/^div\|Loaded data\/iris\.csv: 150 rows.*\|loaded$/);
  await expect(live).toHaveText('Loaded data/iris.csv: 150 rows, 5 columns.');

  // Next (a button that goes away with its stage) leaves focus on the new stage's heading.
  await tabTo(page, /^button\|Next: profile the data/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '3 · Prepare' })).toBeVisible();
  await expect.poll(() => focused(page)).toMatch(/^h2\|3 · Prepare/);

  // A correlation cell opens its scatter plot with Enter; its name starts with the number shown.
  await tabTo(page, /^button\|0\.\d\d: plot /);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scatter')).toBeVisible();

  await openByKeys(page, 5, 'Split');
  await openByKeys(page, 6, 'Train');
  // A closed <select> changes with the arrow keys: End picks the last backend, plain-JavaScript CPU.
  await tabTo(page, /\|backend-select$/);
  await page.keyboard.press('End');
  await expect(page.getByTestId('backend-select')).toHaveValue('cpu');
  // Epochs: reached by Tab and typed over.
  const epochs = page.getByLabel('Epochs', { exact: true });
  for (let n = 0; n < 20 && !(await epochs.evaluate((el) => el === document.activeElement)); n++) await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('15');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('15');

  await tabTo(page, /\|train-button$/);
  await page.keyboard.press('Space');
  await expect(live).toHaveText('Training started.');
  // Train is disabled while it runs: focus moves to the control beside it (Pause), not the page body;
  // when the run ends and Pause is disabled too, it comes back to "Train again".
  await expect.poll(() => focused(page)).toMatch(/\|pause-button$/);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(live).toContainText('Training finished.');
  await expect.poll(() => focused(page)).toMatch(/^button\|Train again\|train-button$/);
  // The loss chart's canvas has a sentence for screen readers.
  await expect(page.getByRole('img', { name: /^Loss over \d+ epochs: train from [\d.]+ to [\d.]+, lowest [\d.]+ at epoch \d+; validation from/ })).toBeVisible();

  // The menu marks what is done, in words as well as with a tick.
  const nav = page.getByRole('navigation', { name: 'Lifecycle stages' });
  await expect(nav.getByRole('button', { name: /^2 Collect \(done\)/ })).toBeVisible();
  await expect(nav.getByRole('button', { name: /^4 Augment \(not needed for tables\)/ })).toBeVisible();
  await expect(nav.getByRole('button', { name: /^6 Train \(done\)/ })).toBeVisible();
  await expect(nav.getByRole('button', { name: /^7 Evaluate Metrics/ })).toBeVisible(); // not opened yet

  await tabTo(page, /^button\|Next: evaluate/);
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toMatch(/^h2\|7 · Evaluate/);
  const accuracy = Number(await page.locator('[data-metric="accuracy"]').getAttribute('data-value'));
  expect(accuracy).toBeGreaterThan(0.6);
  await expect(nav.getByRole('button', { name: /^7 Evaluate \(done\)/ })).toBeVisible();
  await page.screenshot({ path: `${process.env.KILN_SCREENS ?? 'test-results/screens'}/keyboard-evaluate.png` });
});
