import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { packProject, unpackProject } from '../../src/core/project/kiln-file.ts';
import { openStage } from './helpers.ts';

// A .kiln whose weights.bin does not match model.json's manifest (re-packed with Kiln's own packer,
// so its checksums are right and only the model check can catch it): the import opens the data
// and runs, and says in plain words why the model was not put back.
async function openProjects(page: Page): Promise<void> {
  await page.getByTestId('projects-button').click();
  await expect(page.getByTestId('projects-dialog')).toBeVisible();
}

test('a project whose weights do not match its model.json imports without the model, saying why', async ({ page }, info) => {
  await page.goto('/');
  await openStage(page, 'Collect');
  await page.getByRole('button', { name: 'Load Iris' }).click();
  await expect(page.getByTestId('loaded')).toContainText('iris.csv: 150 rows');
  await openStage(page, 'Train');
  await page.getByTestId('backend-select').selectOption('cpu');
  await page.getByLabel('Epochs', { exact: true }).fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  await openProjects(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-project').click();
  const good = info.outputPath('good.kiln');
  await (await download).saveAs(good);
  const contents = await unpackProject(new Uint8Array(readFileSync(good)), 'good.kiln');
  const weights = contents.model!['weights.bin'];
  const bad = info.outputPath('short-weights.kiln');
  writeFileSync(bad, await packProject({ ...contents, model: { ...contents.model!, 'weights.bin': weights.subarray(0, weights.length - 8) } }));

  await page.getByTestId('import-project').setInputFiles(bad);
  await expect(page.getByTestId('projects-dialog')).toBeHidden();
  await expect(page.getByTestId('projects-button')).toContainText('(imported)');
  await openStage(page, 'Collect');
  await expect(page.getByTestId('loaded')).toContainText('iris.csv: 150 rows');
  await openProjects(page);
  await expect(page.getByTestId('projects-note')).toHaveText(
    `The saved model was not put back: model/weights.bin holds ${weights.length - 8} bytes but model/model.json's weightsManifest describes ${weights.length}; ` +
      'the weights are damaged or from another model: export the project again from the page that trained it, or train the model again.',
  );
  await page.screenshot({ path: 'test-results/screens/hostile-project-weights.png' });
});
