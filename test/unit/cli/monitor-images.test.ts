import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitor } from '../../../src/cli/monitor.ts';
import { loadImageFolder } from '../../../src/cli/images.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';
import { writeModelDir } from '../deploy/predict/train-fixture.ts';

const timeout = 60_000;
const shapes = fileURLToPath(new URL('../../fixtures/images/shapes', import.meta.url));
const image = { width: 12, height: 12, channels: 1 } as const;
const tmp = mkdtempSync(join(tmpdir(), 'kiln-monitor-images-'));
const modelDir = join(tmp, 'model');

beforeAll(async () => {
  await tf.setBackend('cpu');
  tf.env().set('PROD', true);
  const checked = validateSpec({
    version: 1,
    data: { source: 'shapes', label: 'class', kind: 'images', image },
    split: { train: 0.34, validation: 0.33, test: 0.33 },
    model: { filters: [4] },
    train: { epochs: 1, batchSize: 4 },
    backend: 'cpu',
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const run = await trainOn(checked.spec, await loadImageFolder(shapes, image), { backend: 'cpu' });
  writeModelDir(modelDir, await run.files().finally(() => disposeModel(run.model)));
}, timeout);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kiln monitor with an image model', () => {
  it('baselines image features, reads a folder of class folders, and names a class the model never saw', async () => {
    const statistics = JSON.parse(readFileSync(join(modelDir, 'statistics.json'), 'utf8'));
    expect(statistics.features.map((f: { name: string }) => f.name)).toEqual(['brightness', 'contrast']); // greyscale: no channel means
    const batch = join(tmp, 'batch');
    cpSync(join(shapes, 'square'), join(batch, 'square'), { recursive: true });
    cpSync(join(shapes, 'circle'), join(batch, 'star'), { recursive: true });
    const out = join(tmp, 'out');
    const summary = await runMonitor({ kind: 'monitor', modelDir, input: batch, out, batch: 64, thresholds: {}, verbose: false });
    expect(summary.report.rows).toBe(6);
    expect(summary.report.violations).toEqual([
      {
        feature_name: 'label',
        constraint_check_type: 'categorical_values_check',
        description: "the batch's labels include classes the model was never trained on: 'star' (3 rows); it cannot predict them, so retrain with labelled examples of them",
      },
    ]);
    expect(summary.report.features.map((f) => f.feature).sort()).toEqual(['brightness', 'contrast']);
    expect(summary.report.features[0].histogram.batch.reduce((s, v) => s + v, 0)).toBe(6);
    expect(summary.report.prediction?.histogram.batch.reduce((s, v) => s + v, 0)).toBe(6);
    expect(JSON.parse(readFileSync(join(out, 'violations.json'), 'utf8')).violations).toHaveLength(1);
  }, timeout);
});
