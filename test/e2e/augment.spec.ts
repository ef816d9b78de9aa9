import { expect, test, type Page } from '@playwright/test';
import { loadShapes, openStage, watchPage } from './helpers.ts';

/** Every canvas's RGBA pixels in the preview: the source first, then the variants. */
async function readPreview(page: Page): Promise<{ source: number[]; variants: number[][] }> {
  return page.evaluate(() => {
    const read = (c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
    const source = document.querySelector<HTMLCanvasElement>('[data-testid="augment-source"]')!;
    const variants = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="augment-variant"]')];
    return { source: read(source), variants: variants.map(read) };
  });
}

/** Runs `change`, then waits until the preview shows a newer result than before. */
async function afterRedraw(page: Page, change: () => Promise<void>): Promise<void> {
  const grid = page.getByTestId('augment-preview');
  const before = Number(await grid.getAttribute('data-version'));
  await change();
  await expect.poll(async () => Number(await grid.getAttribute('data-version'))).toBeGreaterThan(before);
  await expect(grid).toHaveAttribute('data-status', 'ready');
}

const opNames = ['flipHorizontal', 'flipVertical', 'rotate', 'crop', 'translate', 'brightness', 'contrast', 'noise', 'cutout'];

test('augment preview draws 12 real variants, p = 0 gives the source back, and sliders redraw it', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Augment');
  await expect(page.getByTestId('augment-needs-images')).toContainText('applies to image data');

  await loadShapes(page, 16, 4);

  await openStage(page, 'Augment');
  await page.getByLabel('Augment training images').check();
  const grid = page.getByTestId('augment-preview');
  await expect(grid.getByTestId('augment-variant')).toHaveCount(12);
  await expect(grid).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('flip-note')).toContainText('a mirrored “2” is not a “2”');

  const first = await readPreview(page);
  expect(first.source).toHaveLength(16 * 16 * 4);
  for (const v of [first.source, ...first.variants]) {
    expect(v.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true); // painted, not blank
    expect(new Set(v).size).toBeGreaterThan(1); // not one flat colour
  }
  const distinct = new Set(first.variants.map((v) => v.join(',')));
  expect(distinct.size).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: 'test-results/screens/augment.png', fullPage: false });

  // The rotate slider redraws the grid.
  await afterRedraw(page, () => page.getByTestId('strength-rotate').fill('90'));
  await expect(page.getByTestId('augment-ops').locator('tr[data-op="rotate"] output').last()).toHaveText('±90°');
  const rotated = await readPreview(page);
  expect(rotated.variants.map((v) => v.join(','))).not.toEqual(first.variants.map((v) => v.join(',')));

  // Every chance 0: each variant is the source, pixel for pixel.
  for (const name of opNames) await page.getByTestId(`p-${name}`).fill('0');
  await expect(page.getByTestId('flip-note')).toHaveCount(0);
  await expect(grid).toHaveAttribute('data-status', 'ready');
  await expect.poll(async () => {
    const { source, variants } = await readPreview(page);
    return variants.every((v) => v.join(',') === source.join(','));
  }).toBe(true);

  // Shuffle and the compare button still work.
  await afterRedraw(page, () => page.getByTestId('augment-shuffle').click());
  await expect(page.getByTestId('compare-start')).toBeEnabled();

  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});
