import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { openStage, watchPage } from './helpers.ts';

test('the Run on SageMaker card zips the training and tuning job files, and says what SageMaker cannot run', async ({ page, baseURL }) => {
  const watch = await watchPage(page, baseURL!);
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('150 rows');
  await openStage(page, 'Train');

  const card = page.getByTestId('sagemaker-card');
  await expect(card.getByRole('heading', { name: 'Run on SageMaker' })).toBeVisible();
  await page.getByTestId('sagemaker-role').fill('arn:aws:iam::123456789012:role/KilnSageMaker');
  await page.getByTestId('sagemaker-bucket').fill('my-bucket');
  await expect(page.getByTestId('sagemaker-summary')).toContainText(/Training job kiln-iris-\d{8}-\d{6}\s+on ml\.m5\.large in us-east-1; at most \$0\.12/);

  const unzip = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sagemaker-download').click()]);
    expect(download.suggestedFilename()).toBe('kiln-iris-sagemaker.zip');
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name.replace(/^kiln-iris-sagemaker\//, ''), strFromU8(bytes)]));
  };
  const training = await unzip();
  expect(Object.keys(training).sort()).toEqual(['README.md', 'run.sh', 'spec.json', 'training-job.json']);
  const request = JSON.parse(training['training-job.json']);
  expect(request.RoleArn).toBe('arn:aws:iam::123456789012:role/KilnSageMaker');
  expect(request.OutputDataConfig.S3OutputPath).toBe('s3://my-bucket/kiln/kiln-iris/output/');
  expect(JSON.parse(training['spec.json']).data.label).toBe('species');

  // With tuning on, the zip gains tuning-job.json: Kiln's random search as SageMaker's.
  await page.getByTestId('tune-enable').click();
  await page.getByTestId('tune-strategy').selectOption('random');
  await page.getByTestId('tune-max-trials').fill('3');
  await expect(page.getByTestId('sagemaker-summary')).toContainText('Tuning job kiln-iris-');
  await expect(page.getByTestId('sagemaker-summary')).toContainText('3 training jobs, 2 at a time');
  const tuning = await unzip();
  expect(JSON.parse(tuning['tuning-job.json']).HyperParameterTuningJobConfig.Strategy).toBe('Random');

  // A grid of more combinations than trials cannot be cut short on SageMaker: the card says so and offers no download.
  await page.getByTestId('tune-strategy').selectOption('grid');
  await expect(page.getByTestId('sagemaker-error')).toContainText("tuning.maxTrials: is 3, but SageMaker's grid runs every one of the");
  await expect(page.getByTestId('sagemaker-download')).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: 'test-results/screens/sagemaker-card-refused.png' });

  await page.getByTestId('tune-strategy').selectOption('bayesian');
  await page.getByTestId('sagemaker-spot').check();
  await expect(page.getByTestId('sagemaker-summary')).toContainText('spot usually 60–90% less');
  await card.screenshot({ path: 'test-results/screens/sagemaker-card.png' });
  expect(watch.consoleErrors).toEqual([]);
});
