import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJobInputs } from '../../../src/cli/sagemaker-channels.ts';
import { trainingPaths } from '../../../src/core/sagemaker/contract.ts';

// How a job's settings and data are found in SageMaker's layout, in-process (no training).
const tmp = mkdtempSync(join(tmpdir(), 'kiln-sm-channels-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function layout(files: Record<string, string>) {
  const root = join(tmp, String(++n));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else writeFileSync(join(root, path), text);
  }
  return trainingPaths(root);
}
const hyper = (h: Record<string, string>) => ({ 'input/config/hyperparameters.json': JSON.stringify(h) });
const spec = (s: object) => ({ 'input/data/spec/spec.json': JSON.stringify({ version: 1, ...s }) });
const csv = 'x,y\n1,a\n';

describe("reading a job's inputs", () => {
  it('picks the file named like data.source, drops tuning, and drops k-fold for a tuning trial', async () => {
    const paths = layout({
      ...hyper({ _tuning_objective_metric: 'validation:loss', 'train.batchSize': '8' }),
      ...spec({ data: { source: 'data/b.csv', label: 'y' }, split: { folds: 5 }, tuning: { strategy: 'random' } }),
      'input/data/train/a.csv': csv,
      'input/data/train/b.csv': csv,
    });
    const { spec: s, dataPath } = await readJobInputs(paths);
    expect(dataPath).toBe(join(paths.channel('train'), 'b.csv'));
    expect([s.tuning, s.split.folds, s.train.batchSize, s.data.source]).toEqual([undefined, undefined, 8, 'data/b.csv']);
  });

  it('keeps k-fold for a plain training job, and builds the spec from data.label without a spec channel', async () => {
    const paths = layout({ ...hyper({ 'data.label': 'y', 'split.folds': '3' }), 'input/data/train/rows.csv': csv });
    const { spec: s, dataPath } = await readJobInputs(paths);
    expect([s.data.source, s.data.label, s.split.folds, dataPath]).toEqual(['rows.csv', 'y', 3, join(paths.channel('train'), 'rows.csv')]);
  });

  it('takes class folders as an image folder, and needs no train channel for generated shapes', async () => {
    const images = layout({ ...hyper({}), ...spec({ data: { source: 'pics', label: 'class' } }), 'input/data/train/cat/': '', 'input/data/train/dog/': '' });
    expect((await readJobInputs(images)).dataPath).toBe(images.channel('train'));
    const shapes = layout({ ...hyper({}), ...spec({ data: { source: 'shapes', label: 'class' } }) });
    expect((await readJobInputs(shapes)).dataPath).toBeNull();
  });

  it('says what is missing or ambiguous, naming the folder', async () => {
    await expect(readJobInputs(layout({ ...hyper({}), 'input/data/train/a.csv': csv }))).rejects.toThrow(/no spec: give the job a 'spec' channel .* or a 'data\.label' hyperparameter/);
    await expect(readJobInputs(layout({ ...hyper({ 'data.label': 'y' }) }))).rejects.toThrow(/there is no 'train' channel/);
    const two = layout({ ...hyper({ 'data.label': 'y' }), 'input/data/train/a.csv': csv, 'input/data/train/c.csv': csv });
    await expect(readJobInputs(two)).rejects.toThrow(`${two.channel('train')}: holds 2 files (a.csv, c.csv): keep one, or name it in the spec's data.source`);
    const specs = layout({ ...hyper({}), 'input/data/spec/a.json': '{}', 'input/data/spec/b.json': '{}' });
    await expect(readJobInputs(specs)).rejects.toThrow(/holds 2 \.json files \(a\.json, b\.json\)/);
    await expect(readJobInputs(layout({ 'input/config/hyperparameters.json': '{"a":' }))).rejects.toThrow(/hyperparameters\.json is not valid JSON/);
  });
});
