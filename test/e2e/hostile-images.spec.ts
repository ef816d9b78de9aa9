import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { hugePngHeader, shapePng } from '../fixtures/hostile/make.ts';
import { craftZip } from '../fixtures/images/craft-zip.ts';
import { loadShapes, openStage, watchPage, trainOnCpu } from './helpers.ts';

// Hostile image inputs picked after a valid image set is loaded and a model trained on it: each is
// refused with its reason, and the image set, the model and its test metrics stay as they were.
// (The page's drop handler and its folder and zip pickers call the same loaders; Playwright cannot
// make a drop whose items are real folder entries, so the pickers are used.)
let dir: string;
const png = shapePng('circle', 0);
const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><script>alert(1)</script></svg>');

/** Hostile folders: every image in each is bad one way, so nothing in them can be loaded. */
const folders: Record<string, Record<string, Uint8Array>> = {
  'zero-byte': { 'circle/a.png': new Uint8Array(), 'square/b.png': new Uint8Array() },
  'truncated-png': { 'circle/a.png': png.subarray(0, 40), 'square/b.png': png.subarray(0, png.length >> 1) },
  'huge-png': { 'circle/huge.png': hugePngHeader(100_000, 100_000), 'square/huge.png': hugePngHeader(100_000, 100_000) },
  svg: { 'circle/drawing.svg': svg, 'circle/fake.png': svg, 'square/fake.png': svg },
};

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-hostile-images-'));
  for (const [name, files] of Object.entries(folders)) {
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name, path)), { recursive: true });
      writeFileSync(join(dir, name, path), bytes);
    }
  }
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = [0, 1, 2].flatMap((v) => [
  { name: `circle/${v}.png`, data: shapePng('circle', v) },
  { name: `square/${v}.png`, data: shapePng('square', v) },
]);

const zips: [string, Uint8Array, RegExp][] = [
  // 64 MiB of zeros deflates to ~64 KiB: the directory tells the truth, the size is the attack.
  ['bomb.zip', craftZip([...good, { name: 'circle/bomb.png', data: new Uint8Array(64 << 20) }]), /bomb\.zip: 'circle\/bomb\.png' claims to unpack to 64 MB, over the 32 MB limit per file/],
  ['lying-bomb.zip', craftZip([...good, { name: 'circle/lie.png', data: png, declaredSize: 0xfffffffe }]), /'circle\/lie\.png' claims to unpack to 4\.0 GB/],
  [
    'traversal.zip',
    craftZip([{ name: '../../etc/circle/1.png', data: png }, { name: '/abs/square/1.png', data: png }, { name: 'C:\\win\\square\\x.png', data: png }]),
    /traversal\.zip: no usable images \(3 skipped, e\.g\. \.\.\/\.\.\/etc\/circle\/1\.png: path leaves the folder/,
  ],
];

async function setZip(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByTestId('image-zip-input').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

test('hostile images are refused with their reason; the loaded images and the trained model stay; a stopped decode changes nothing', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await loadShapes(page, 16, 12);
  const loaded = (await page.getByTestId('image-loaded').textContent())!;
  await trainOnCpu(page, 2);
  await openStage(page, 'Evaluate');
  const metrics = (await page.getByTestId('test-metrics').textContent())!;

  await openStage(page, 'Collect');
  const error = page.getByTestId('image-error');
  const stays = async () => {
    await expect(page.getByTestId('image-loaded')).toHaveText(loaded);
    await expect(page.getByTestId('image-in-use')).toBeVisible();
  };
  const folderMessages: Record<string, RegExp> = {
    'zero-byte': /zero-byte: none of the images could be read \(2 skipped, e\.g\. circle\/a\.png: not a PNG, JPEG, WebP, GIF or BMP file/,
    'truncated-png': /truncated-png: none of the images could be read \(2 skipped, e\.g\. circle\/a\.png: could not be decoded \(a damaged or unsupported PNG\)/,
    'huge-png': /huge-png: none of the images could be read \(2 skipped, e\.g\. circle\/huge\.png: could not be decoded/,
    svg: /svg: none of the images could be read \(3 skipped, e\.g\. circle\/drawing\.svg: not an image \(Kiln reads png, jpg, jpeg, webp, gif, bmp\)/,
  };
  for (const [name, message] of Object.entries(folderMessages)) {
    await page.getByTestId('image-folder-input').setInputFiles(join(dir, name));
    await expect(error, name).toHaveText(message);
    await stays();
  }
  for (const [name, bytes, message] of zips) {
    await setZip(page, name, bytes);
    await expect(error, name).toHaveText(message);
    await stays();
  }
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/hostile-images.png' });
  expect(await page.locator('svg script, img[src*="svg"]').count()).toBe(0); // the SVG was never rendered

  // Stop during a long decode (3,600 images): the images loaded before stay, and so does the model.
  const many = zipSync(Object.fromEntries(Array.from({ length: 1800 }, (_, i) => [[`c/${i}.png`, good[0].data], [`s/${i}.png`, good[1].data]]).flat()), { level: 0 });
  await setZip(page, 'many.zip', many);
  await expect(page.getByTestId('image-progress')).toContainText(/Decoding \d+ \/ 3600 images/);
  await page.getByTestId('image-cancel').click();
  await expect(page.getByTestId('image-notice')).toHaveText(/^Stopped loading many\.zip\. .+ is still loaded\.$/);
  await expect(error).toHaveCount(0); // a Stop is not an error
  await stays();

  await openStage(page, 'Train');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  await openStage(page, 'Evaluate');
  await expect(page.getByTestId('test-metrics')).toHaveText(metrics);
  expect(watch.consoleErrors.filter((m) => !/kiln worker/.test(m))).toEqual([]);
});
