import { expect, type Page } from '@playwright/test';

/** What a page did that a test wants to assert on afterwards. */
export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
  longTasks: () => Promise<number[]>;
  resetLongTasks: () => Promise<void>;
}

/** Records console errors, requests to other origins and main-thread long tasks. */
export async function watchPage(page: Page, origin: string): Promise<PageWatch> {
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  return {
    consoleErrors,
    foreignRequests,
    longTasks: () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice()),
    resetLongTasks: () => page.evaluate(() => void ((window as unknown as { __longTasks: number[] }).__longTasks = [])),
  };
}

/** Opens a lifecycle stage from the side navigation. */
export async function openStage(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('button', { name: new RegExp(`^\\d ${title}`) }).click();
}

/** Generates the shapes sample in Collect (`size` px square, `perClass` images per class) and waits until training uses it. */
export async function loadShapes(page: Page, size: number, perClass: number): Promise<void> {
  await openStage(page, 'Collect');
  const card = page.getByTestId('shapes-sample');
  await card.getByLabel('Size (pixels)').fill(String(size));
  await card.getByLabel('Images per class').fill(String(perClass));
  await card.getByTestId('load-shapes').click();
  await expect(page.getByTestId('image-in-use')).toBeVisible();
}


/** Loads the bundled Iris table in Collect and waits for its 150 rows. */
export async function loadIris(page: Page): Promise<void> {
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('iris.csv: 150 rows');
}

/** Trains what is loaded for `epochs` on the plain CPU backend and waits until the run is done. */
export async function trainOnCpu(page: Page, epochs: number, timeout = 60_000): Promise<void> {
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout });
}
