import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { parseCsv } from '../../../../src/core/collect/csv.ts';
import type { ModelFiles } from '../../../../src/core/deploy/model-doc.ts';
import { validateSpec } from '../../../../src/core/spec/validate.ts';
import type { TrainResult } from '../../../../src/core/train/protocol.ts';
import { disposeModel } from '../../../../workers/train/model.ts';
import { trainOn } from '../../../../workers/train/pipeline.ts';

/** The penguins CSV: missing cells, two categorical columns. */
export const penguinsPath = fileURLToPath(new URL('../../../../public/data/penguins.csv', import.meta.url));
export const penguinsText = readFileSync(penguinsPath, 'utf8');

/** The penguins file's data rows as raw cells, indexed as trainOn's `result.predictions.rows`. */
export const penguinsRows = penguinsText.trimEnd().split('\n').slice(1).map((line) => line.split(','));
export const penguinsHeader = penguinsText.split('\n')[0].split(',');

/** A trained and exported model: its files and what training said about its test rows. */
export interface TrainedFixture {
  files: ModelFiles;
  result: TrainResult;
}

/**
 * Trains a small model on penguins in-process (CPU, a few epochs; about a second) with prepare
 * steps that exercise applyFitted: median imputation with indicators, a derived ratio, z-scores.
 * `label` picks the task: species (classification) or body_mass_g (regression).
 */
export async function trainFixture(label: 'species' | 'body_mass_g' = 'species'): Promise<TrainedFixture> {
  await tf.setBackend('cpu');
  tf.env().set('PROD', true);
  const checked = validateSpec({
    version: 1,
    data: { source: 'penguins.csv', label },
    prepare: [
      { op: 'impute', strategy: 'median', columns: ['bill_length_mm', 'bill_depth_mm'], indicator: true },
      { op: 'derive', name: 'bill_ratio', expression: 'bill_length_mm / bill_depth_mm' },
      { op: 'scale', method: 'zscore', columns: ['flipper_length_mm'] },
    ],
    model: { hidden: [8] },
    train: { epochs: 4, batchSize: 32 },
    backend: 'cpu',
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const run = await trainOn(checked.spec, parseCsv(penguinsText, 'penguins.csv'), { backend: 'cpu' });
  try {
    return { files: await run.files(), result: run.result };
  } finally {
    disposeModel(run.model);
  }
}

/** Writes a model's files into `dir` (created) and returns `dir`. */
export function writeModelDir(dir: string, files: ModelFiles): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}
