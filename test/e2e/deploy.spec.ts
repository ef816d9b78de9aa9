import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { openStage, watchPage } from './helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'kiln-deploy-e2e-'));

/** Runs the headless runner from the project root. */
const kiln = (...args: string[]) => execFileSync(process.execPath, ['bin/kiln.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Saves the download a click starts and returns its bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

const fields = ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex'];
const parse = (text: string) => Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;

// A batch file: two real rows, text in a numeric column, a ragged row, an extra column, and shuffled columns.
const batchCsv = [
  'sex,note,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g',
  'male,a,Torgersen,39.1,18.7,181,3750',
  'female,b,Biscoe,46.5,13.5,210,4550',
  'female,c,Dream,lots,17.9,192,3500',
  'male,d,Dream',
  ',e,Mars,50,15,220,',
].join('\n');

test('Deploy: the form, a batch job, and exports that match the runner and onnxruntime-web', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Palmer Penguins' }).click();
  await expect(page.getByTestId('loaded')).toContainText('344 rows, 7 columns');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('15');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });

  // The form: one field per raw column, prefilled from a test row, predicting as it changes.
  await openStage(page, 'Deploy');
  const form = page.getByTestId('predict-form');
  await expect(form.locator('[data-field]')).toHaveCount(6);
  await expect(page.getByTestId('live-prediction')).toHaveText(/Adelie|Chinstrap|Gentoo/);
  await form.locator('[data-field="island"]').selectOption('Dream');
  await form.locator('[data-field="bill_length_mm"]').fill('49.5');
  await form.locator('[data-field="bill_depth_mm"]').fill('19.0');
  await form.locator('[data-field="flipper_length_mm"]').fill('200');
  await form.locator('[data-field="body_mass_g"]').fill('');
  await form.locator('[data-field="sex"]').selectOption('male');
  await expect(page.getByTestId('probabilities').locator('li')).toHaveCount(3);
  // Settled: the bars show the last edit's answer once the debounce has fired.
  await page.waitForTimeout(500);
  const shown = await page.getByTestId('live-prediction').textContent();
  const bars = await page.getByTestId('probabilities').locator('li').evaluateAll((li) => li.map((l) => [l.getAttribute('data-class')!, Number(l.getAttribute('data-p'))] as const));
  expect(Number((await page.getByTestId('live-latency').textContent())!.split(' ')[0])).toBeGreaterThan(0);
  await page.getByTestId('playground').screenshot({ path: 'test-results/screens/deploy-form.png' });

  // The same row through the runner, with the TF.js export downloaded from the page.
  const tfjs = await download(page, 'download-model');
  expect(tfjs.name).toBe('kiln-model.zip');
  const modelDir = join(tmp, 'model');
  mkdirSync(modelDir);
  for (const [path, bytes] of Object.entries(unzipSync(tfjs.bytes))) writeFileSync(join(modelDir, path.replace('kiln-model/', '')), bytes);
  writeFileSync(join(tmp, 'one.csv'), 'island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex\nDream,49.5,19.0,200,,male\n');
  kiln('predict', modelDir, join(tmp, 'one.csv'), '--out', join(tmp, 'one-out.csv'));
  const [runner] = parse(readFileSync(join(tmp, 'one-out.csv'), 'utf8'));
  expect(runner.prediction).toBe(shown);
  for (const [name, p] of bars) expect(Math.abs(Number(runner[`p_${name}`]) - p)).toBeLessThan(1e-5);

  // Batch: the page's output equals the runner's on the same file, bad rows get an error cell.
  writeFileSync(join(tmp, 'batch.csv'), batchCsv);
  await page.getByTestId('batch-file').setInputFiles(join(tmp, 'batch.csv'));
  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-done')).toHaveAttribute('data-rows', '5');
  await expect(page.getByTestId('batch-done')).toHaveAttribute('data-errors', '2');
  const batch = await download(page, 'batch-download');
  expect(batch.name).toBe('batch-predictions.csv');
  kiln('predict', modelDir, join(tmp, 'batch.csv'), '--out', join(tmp, 'batch-out.csv'));
  const fromPage = parse(strFromU8(batch.bytes));
  const fromRunner = parse(readFileSync(join(tmp, 'batch-out.csv'), 'utf8'));
  expect(fromPage.map((r) => [r.note, r.prediction, r.error])).toEqual(fromRunner.map((r) => [r.note, r.prediction, r.error]));
  for (const [i, row] of fromPage.entries()) {
    for (const c of ['Adelie', 'Chinstrap', 'Gentoo']) expect(Math.abs(Number(row[`p_${c}`] || 0) - Number(fromRunner[i][`p_${c}`] || 0))).toBeLessThan(1e-5);
  }
  expect(fromPage[2].error).toBe("column 'bill_length_mm': 'lots' is not a number");
  expect(fromPage[3].error).toMatch(/has 3 values but the header has 7/);
  expect(fromPage[4].prediction).not.toBe(''); // an unseen island and missing cells are still predicted
  await page.getByTestId('batch').screenshot({ path: 'test-results/screens/deploy-batch.png' });

  // A file without a column the model needs: one clear message, nothing to download.
  writeFileSync(join(tmp, 'missing.csv'), 'island,bill_length_mm\nDream,40\n');
  await page.getByTestId('batch-file').setInputFiles(join(tmp, 'missing.csv'));
  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-error')).toContainText('missing.csv');
  await expect(page.getByTestId('batch-error')).toContainText('bill_depth_mm');
  await expect(page.getByTestId('batch-download')).toHaveCount(0);

  // An empty file, and a big one stopped part way: a message each, and nothing to download.
  writeFileSync(join(tmp, 'empty.csv'), '');
  await page.getByTestId('batch-file').setInputFiles(join(tmp, 'empty.csv'));
  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-error')).toHaveText('empty.csv: the file is empty');
  const big = [fields.join(','), ...Array.from({ length: 400_000 }, (_, i) => `Biscoe,${40 + (i % 10)},17.3,201,4425,female`)].join('\n');
  writeFileSync(join(tmp, 'big.csv'), big);
  await page.getByTestId('batch-file').setInputFiles(join(tmp, 'big.csv'));
  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-progress')).toBeVisible();
  await page.getByTestId('batch-stop').click();
  await expect(page.getByTestId('batch-error')).toContainText('big.csv: stopped before the end');
  await expect(page.getByTestId('batch-download')).toHaveCount(0);

  // ONNX: verified in onnxruntime-web against TF.js on the test split.
  await page.getByTestId('verify-onnx').click();
  const report = page.getByTestId('verify-report');
  await expect(report).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  expect(Number(await report.getAttribute('data-max-diff'))).toBeLessThanOrEqual(1e-4);
  const onnx = await download(page, 'download-onnx');
  expect(onnx.name).toBe('kiln-model.onnx');
  expect(onnx.bytes.length).toBeGreaterThan(1000);

  // SageMaker: the package with its tarball, scripts and the one-file server.
  await page.getByTestId('region-select').selectOption('eu-west-1');
  const sm = await download(page, 'download-sagemaker');
  expect(sm.name).toBe('kiln-sagemaker.zip');
  const files = unzipSync(sm.bytes);
  expect(Object.keys(files).sort()).toEqual(
    ['Dockerfile', 'README.md', 'build-and-push.sh', 'deploy.sh', 'invoke.py', 'invoke.sh', 'kiln-serve.mjs', 'manifest.json', 'model.tar.gz'].map((f) => `kiln-sagemaker/${f}`),
  );
  const manifest = JSON.parse(strFromU8(files['kiln-sagemaker/manifest.json']));
  expect(JSON.stringify(manifest)).toContain('eu-west-1.amazonaws.com/sagemaker-tritonserver');
  await page.getByTestId('export').screenshot({ path: 'test-results/screens/deploy-export.png' });
  await page.screenshot({ path: 'test-results/screens/deploy.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
