import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { fromRgba } from '../../src/core/collect/images/pixels.ts';
import { loadShapes, openStage, watchPage, trainOnCpu } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'kiln-deploy-images-e2e-'));
const shapes = 'test/fixtures/images/shapes';
const classes = ['circle', 'square', 'triangle'];

/** Runs the headless runner from the project root. */
const kiln = (...args: string[]) => execFileSync(process.execPath, ['bin/kiln.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Saves the download a click starts and returns its bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

const parse = (text: string) => Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;

/** The probability bars as [class, p]. */
const bars = (page: Page) =>
  page.getByTestId('probabilities').locator('li').evaluateAll((li) => li.map((l) => [l.getAttribute('data-class')!, Number(l.getAttribute('data-p'))] as [string, number]));

/**
 * Page rows and runner rows agree: same paths in order, same prediction and error, probabilities
 * within 1e-4. Except JPEGs: Chromium's libjpeg-turbo and the runner's jpeg-js decode
 * triangle/3.jpg up to 3/255 apart (294 of 768 values), which moves a probability by ~3e-4.
 */
function expectSameRows(fromPage: Record<string, string>[], fromRunner: Record<string, string>[]): void {
  expect(fromPage.map((r) => [r.path, r.prediction, r.error])).toEqual(fromRunner.map((r) => [r.path, r.prediction, r.error]));
  for (const [i, row] of fromPage.entries()) {
    const tolerance = /\.jpe?g$/i.test(row.path) ? 2e-3 : 1e-4;
    for (const c of classes) expect(Math.abs(Number(row[`p_${c}`] || 0) - Number(fromRunner[i][`p_${c}`] || 0)), `${row.path} p_${c}`).toBeLessThan(tolerance);
  }
}

// The shapes sample is drawn at 16 px, the fixture's own size: no image is resized on either side,
// so the browser's canvas and the runner's resampler have nothing to disagree about.
test('Deploy for an image model: upload, draw, batch equal to the runner, verified ONNX and SageMaker package', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await loadShapes(page, 16, 8);
  await trainOnCpu(page, 3, 120_000);

  // The TF.js export, for the runner.
  await openStage(page, 'Deploy');
  const tfjs = await download(page, 'download-model');
  const modelDir = join(tmp, 'model');
  mkdirSync(modelDir);
  for (const [path, bytes] of Object.entries(unzipSync(tfjs.bytes))) writeFileSync(join(modelDir, path.replace('kiln-model/', '')), bytes);

  // Upload: one fixture PNG, three bars, and the runner says the same for that file.
  await page.getByTestId('predict-image-file').setInputFiles(join(shapes, 'circle/1.png'));
  await expect(page.getByTestId('probabilities').locator('li')).toHaveCount(3);
  const uploaded = await bars(page);
  expect(uploaded.map(([c]) => c).sort()).toEqual(classes); // the bars list the likeliest first
  expect(uploaded.reduce((s, [, p]) => s + p, 0)).toBeCloseTo(1, 4);
  const shown = await page.getByTestId('live-prediction').textContent();
  kiln('predict', modelDir, join(shapes, 'circle/1.png'), '--out', join(tmp, 'one.csv'));
  const [one] = parse(readFileSync(join(tmp, 'one.csv'), 'utf8'));
  expect(one.prediction).toBe(shown);
  for (const [c, p] of uploaded) expect(Math.abs(Number(one[`p_${c}`]) - p)).toBeLessThan(1e-4);
  await expect(page.getByAltText('What you uploaded')).toHaveClass(/small/); // 16 px: shown enlarged, not as a dot
  await page.getByTestId('playground').screenshot({ path: 'test-results/screens/deploy-images-upload.png' });

  // Draw: a stroke across the pad (mouse down, move, up) gets its own prediction.
  await page.getByRole('tab', { name: 'Draw' }).click();
  const pad = await page.getByTestId('draw-pad').boundingBox();
  await page.mouse.move(pad!.x + pad!.width * 0.2, pad!.y + pad!.height * 0.8);
  await page.mouse.down();
  for (const t of [0.35, 0.5, 0.65, 0.8]) await page.mouse.move(pad!.x + pad!.width * t, pad!.y + pad!.height * (1 - t), { steps: 3 });
  await page.mouse.up();
  await expect.poll(() => bars(page)).not.toEqual(uploaded);
  await expect(page.getByTestId('live-prediction')).toHaveText(/^(circle|square|triangle)$/);
  await expect(page.getByTestId('probabilities').locator('li')).toHaveCount(3);
  await page.getByTestId('playground').screenshot({ path: 'test-results/screens/deploy-images-draw.png' });

  // Batch over a folder (the fixture plus one corrupt file): one row per image, equal to the runner's.
  const folder = join(tmp, 'shapes');
  cpSync(shapes, folder, { recursive: true });
  writeFileSync(join(folder, 'square', 'broken.png'), 'this is not a PNG');
  await page.getByTestId('image-batch-folder').setInputFiles(folder);
  await expect(page.getByTestId('image-batch-chosen')).toHaveText('shapes (10 files)');
  await page.getByTestId('image-batch-start').click();
  await expect(page.getByTestId('image-batch-done')).toHaveAttribute('data-rows', '10');
  await expect(page.getByTestId('image-batch-done')).toHaveAttribute('data-errors', '1');
  const batch = await download(page, 'image-batch-download');
  expect(batch.name).toBe('shapes-predictions.csv');
  expect(strFromU8(batch.bytes).split('\n')[0]).toBe('path,prediction,p_circle,p_square,p_triangle,error');
  kiln('predict', modelDir, folder, '--out', join(tmp, 'folder.csv'));
  writeFileSync(join(tmp, 'page-folder.csv'), batch.bytes); // kept beside the runner's, to compare by hand
  const fromPage = parse(strFromU8(batch.bytes));
  expectSameRows(fromPage, parse(readFileSync(join(tmp, 'folder.csv'), 'utf8')));
  expect(fromPage.find((r) => r.path === 'square/broken.png')?.error).toBe('not a PNG, JPEG, WebP, GIF or BMP file, whatever its name says');
  expect(fromPage.find((r) => r.path === 'circle/1.png')?.prediction).toBe(shown);
  await page.getByTestId('batch').screenshot({ path: 'test-results/screens/deploy-images-batch.png' });

  // The same images as a zip.
  const entries: Record<string, Uint8Array> = {};
  for (const row of fromPage) entries[`new/${row.path}`] = new Uint8Array(readFileSync(join(folder, row.path)));
  writeFileSync(join(tmp, 'new.zip'), zipSync(entries));
  await page.getByTestId('image-batch-zip').setInputFiles(join(tmp, 'new.zip'));
  await page.getByTestId('image-batch-start').click();
  await expect(page.getByTestId('image-batch-done')).toHaveAttribute('data-rows', '10');
  const zipped = parse(strFromU8((await download(page, 'image-batch-download')).bytes));
  kiln('predict', modelDir, join(tmp, 'new.zip'), '--out', join(tmp, 'zip.csv'));
  expectSameRows(zipped, parse(readFileSync(join(tmp, 'zip.csv'), 'utf8')));

  // ONNX: verified in onnxruntime-web, and in onnxruntime-node on raw pixels it agrees with the runner.
  await page.getByTestId('verify-onnx').click();
  const report = page.getByTestId('verify-report');
  await expect(report).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  expect(Number(await report.getAttribute('data-max-diff'))).toBeLessThanOrEqual(1e-4);
  const onnx = await download(page, 'download-onnx');
  expect(onnx.name).toBe('kiln-model.onnx');
  const png = PNG.sync.read(readFileSync(join(shapes, 'circle/1.png')));
  const pixels = Float32Array.from(fromRgba(png.data, 16, 16, 3).data);
  const session = await ort.InferenceSession.create(onnx.bytes);
  const out = (await session.run({ input: new ort.Tensor('float32', pixels, [1, 16, 16, 3]) })).probabilities.data as Float32Array;
  classes.forEach((c, k) => expect(Math.abs(out[k] - Number(one[`p_${c}`]))).toBeLessThan(1e-4));

  // SageMaker: the manifest describes an image input of the model's shape.
  const sm = await download(page, 'download-sagemaker');
  expect(sm.name).toBe('kiln-sagemaker.zip');
  const files = unzipSync(sm.bytes);
  expect(Object.keys(files)).toContain('kiln-sagemaker/model.tar.gz');
  const manifest = JSON.parse(strFromU8(files['kiln-sagemaker/manifest.json']));
  expect(manifest.input).toMatchObject({ kind: 'image', width: 16, height: 16, channels: 3, layout: 'NHWC', onnx: { name: 'input', dims: [16, 16, 3] } });
  expect(manifest.output).toMatchObject({ kind: 'classification', labels: classes });
  await page.screenshot({ path: 'test-results/screens/deploy-images.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
