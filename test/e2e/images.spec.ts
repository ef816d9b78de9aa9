import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import config from '../../playwright.config.ts';
import { openStage, watchPage } from './helpers.ts';

// Chromium's fake camera for the webcam test, on top of the config's flags. launchOptions can only
// be set per file (it needs its own browser), and the flags change nothing for the other tests.
const launchOptions = config.use?.launchOptions ?? {};
test.use({
  launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] },
});

const fixtures = 'test/fixtures/images';
const shapes = join(fixtures, 'shapes');

/** The shapes fixture as zip entries under `root/`, optionally repeated under new names. */
function shapeFiles(root: string, copies = 1): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const cls of readdirSync(shapes)) {
    for (const name of readdirSync(join(shapes, cls))) {
      const bytes = new Uint8Array(readFileSync(join(shapes, cls, name)));
      for (let i = 0; i < copies; i++) files[`${root}/${cls}/${copies > 1 ? `${i}-` : ''}${name}`] = bytes;
    }
  }
  return files;
}

async function setZip(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByTestId('image-zip-input').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

/** Per class: [name, count, how many thumbnails have more than one colour in them]. */
async function classRows(page: Page): Promise<[string, number, number][]> {
  return page.getByTestId('image-class').evaluateAll((rows) =>
    rows.map((row) => {
      const drawn = [...row.querySelectorAll('canvas')].filter((canvas) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return new Set(Array.from({ length: data.length / 4 }, (_, i) => data[i * 4] * 65536 + data[i * 4 + 1] * 256 + data[i * 4 + 2])).size > 1;
      });
      return [row.getAttribute('data-class')!, Number(row.getAttribute('data-count')), drawn.length] as [string, number, number];
    }),
  );
}

test('a picked folder of class folders loads, with counts and readable thumbnails, at the chosen size', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await expect(page.getByTestId('image-size')).toHaveValue('28x28x1');
  await page.getByTestId('image-folder-input').setInputFiles(shapes);
  await expect(page.getByTestId('image-loaded')).toContainText('shapes: 9 images in 3 classes, 28 × 28 greyscale');
  expect(await classRows(page)).toEqual([
    ['circle', 3, 3],
    ['square', 3, 3],
    ['triangle', 3, 3],
  ]);
  await expect(page.getByTestId('image-in-use')).toContainText('class');
  await page.getByTestId('image-set').screenshot({ path: 'test-results/screens/images-01-folder-grey.png' });

  await page.getByTestId('image-size').selectOption('64x64x3');
  await expect(page.getByTestId('image-loaded')).toContainText('9 images in 3 classes, 64 × 64 colour');
  const thumb = page.locator('[data-class="circle"] canvas').first();
  await expect(thumb).toHaveAttribute('width', '64');
  const centre = await thumb.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(32, 32, 1, 1).data));
  expect(centre[0]).toBeGreaterThan(150); // circle/1.png is red: colour survived
  expect(centre[1]).toBeLessThan(100);
  await page.getByTestId('image-set').screenshot({ path: 'test-results/screens/images-02-folder-colour.png' });
  expect(watch.consoleErrors).toEqual([]);
});

test('a zip with junk lists what it skipped; a zip bomb is refused and the loaded images stay', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  const zip = zipSync({
    ...shapeFiles('shapes'),
    'shapes/circle/broken.png': new TextEncoder().encode('this is not a PNG'),
    'shapes/square/notes.txt': new TextEncoder().encode('hello'),
    'shapes/.DS_Store': new Uint8Array(8),
    '__MACOSX/shapes/circle/._1.png': new Uint8Array(8),
  });
  await setZip(page, 'shapes.zip', zip);
  await expect(page.getByTestId('image-loaded')).toContainText('shapes.zip: 9 images in 3 classes');
  expect((await classRows(page)).map(([name, count]) => [name, count])).toEqual([
    ['circle', 3],
    ['square', 3],
    ['triangle', 3],
  ]);
  const skipped = page.getByTestId('image-skipped');
  await expect(skipped).toContainText('2 files skipped');
  await expect(skipped).toContainText('circle/broken.png — not a PNG, JPEG, WebP, GIF or BMP file');
  await expect(skipped).toContainText('square/notes.txt — not an image');
  await page.getByTestId('image-set').screenshot({ path: 'test-results/screens/images-03-zip-skipped.png' });

  await setZip(page, 'bomb.zip', new Uint8Array(readFileSync(join(fixtures, 'bomb.zip'))));
  await expect(page.getByTestId('image-error')).toContainText("bomb.zip: 'a/1.png' claims to unpack to 4.0 GB, over the 32 MB limit per file");
  await setZip(page, 'liar.zip', new Uint8Array(readFileSync(join(fixtures, 'liar.zip'))));
  await expect(page.getByTestId('image-error')).toContainText('unpacks to more than the 1 KB its zip directory declares');
  await setZip(page, 'flat.zip', zipSync({ 'a.png': zip.subarray(0, 1), 'b.png': zip.subarray(0, 1) }));
  await expect(page.getByTestId('image-error')).toContainText('all 2 images sit directly in the top folder');
  await expect(page.getByTestId('image-loaded')).toContainText('shapes.zip: 9 images'); // what was loaded stays
  expect(watch.consoleErrors).toEqual([]);
});

test('decoding a few thousand images reports progress, can be cancelled, and says how fast it went', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  const many = zipSync(shapeFiles('many', 400), { level: 0 }); // 3600 images
  await setZip(page, 'many.zip', many);
  await expect(page.getByTestId('image-progress')).toContainText(/Decoding \d+ \/ 3600 images/);
  await page.getByTestId('image-cancel').click();
  await expect(page.getByTestId('image-notice')).toHaveText('Stopped loading many.zip.');
  await expect(page.getByTestId('image-error')).toHaveCount(0);
  await expect(page.getByTestId('image-set')).toHaveCount(0);

  await setZip(page, 'many.zip', many);
  const started = Date.now();
  await watch.resetLongTasks(); // Playwright builds the File from base64 on the main thread; that is not ours
  await expect(page.getByTestId('image-loaded')).toContainText('many.zip: 3600 images in 3 classes', { timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  console.log(`decoded 3600 tiny PNG/JPEG images to 28×28 grey in ${seconds.toFixed(2)} s: ${Math.round(3600 / seconds)} images/s`);
  expect(Math.max(0, ...(await watch.longTasks()))).toBeLessThanOrEqual(200); // decoding stays off the main thread
  expect(watch.consoleErrors).toEqual([]);
});

test.describe('webcam', () => {
  test.use({ permissions: ['camera'] });

  test('captures frames for two classes with the fake camera and uses them as the image set', async ({ page, baseURL }) => {
    const watch = await watchPage(page, baseURL!);
    await page.goto('/');
    await openStage(page, 'Collect');
    await page.getByTestId('webcam-start').click();
    await expect.poll(() => page.getByTestId('webcam-video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
    await page.getByTestId('webcam-name').nth(1).fill('other');
    await page.getByTestId('webcam-name').nth(1).press('Tab');

    const counts = page.getByTestId('webcam-count');
    for (const i of [0, 1]) {
      const record = page.getByTestId('webcam-record').nth(i);
      await record.hover();
      await page.mouse.down();
      await expect(record).toHaveText('Recording…');
      await expect.poll(async () => parseInt(await counts.nth(i).innerText()), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
      await page.mouse.up();
    }
    await expect(page.getByTestId('image-loaded')).toContainText(/webcam: \d+ images in 2 classes/);
    const rows = await classRows(page);
    expect(rows.map(([name]) => name)).toEqual(['Class 1', 'other']);
    for (const [, count, drawn] of rows) {
      expect(count).toBeGreaterThanOrEqual(5);
      expect(drawn).toBeGreaterThan(0);
    }
    await page.locator('section').screenshot({ path: 'test-results/screens/images-04-webcam.png' });
    expect(watch.consoleErrors).toEqual([]);
  });
});
