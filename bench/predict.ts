/**
 * Batch prediction in the runner: `kiln predict`'s streaming job (read → parse → encode → MLP →
 * decode → write, 4,096 rows a pass) over a generated penguins-like CSV of 1M rows (100k with
 * --quick), against the floor without the model: PapaParse's streaming parser over the same file,
 * rows written back unchanged. The ratio is the share of the floor's speed left once prediction is
 * added. Rows/s from process CPU time, since the machine's cores are shared; wall alongside.
 * Extra: single-row predictRecords latency (the page's live prediction, without the worker hop).
 *
 * npm run bench -- predict [--quick]
 * // → {"name":"predict","unit":"rows/s","kiln":…,"reference":…,"ratio":…,"peakRssMB":…,"single":{"p50ms":…}}
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPredictor } from '../workers/deploy/predictor.ts';
import { predictRecords } from '../workers/deploy/predict-rows.ts';
import { latencyStats, predictRecordsSample } from './lib/predict-data.ts';
import { kilnPass, referencePass, round, trainPredictModel, writePredictCsv } from './lib/predict-node.ts';

const quick = process.argv.includes('--quick');
const rows = quick ? 100_000 : 1_000_000;
const singles = 2000;

const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-predict-'));
try {
  const files = await trainPredictModel();
  const modelDir = join(dir, 'model');
  mkdirSync(modelDir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(modelDir, name), bytes);
  const input = join(dir, 'in.csv');
  const bytes = await writePredictCsv(input, rows);
  const warm = join(dir, 'warm.csv');
  await writePredictCsv(warm, 20_000);

  // Warm both paths' JIT on a small file, then time each once on the big one.
  await kilnPass(modelDir, warm, join(dir, 'warm-out.csv'));
  await referencePass(warm, join(dir, 'warm-ref.csv'));
  const kiln = await kilnPass(modelDir, input, join(dir, 'out.csv'));
  rmSync(join(dir, 'out.csv'));
  const reference = await referencePass(input, join(dir, 'ref.csv'));
  rmSync(join(dir, 'ref.csv'));
  if (kiln.rows !== rows || reference.rows !== rows) throw new Error(`read ${kiln.rows} and ${reference.rows} rows of ${rows}`);

  // Single rows as the page's form sends them: one record, one forward pass.
  const predictor = await loadPredictor(files);
  const records = predictRecordsSample(200);
  for (let i = 0; i < 200; i++) predictRecords(predictor, [records[i]]);
  const ms: number[] = [];
  for (let i = 0; i < singles; i++) {
    const t = performance.now();
    predictRecords(predictor, [records[i % records.length]]);
    ms.push(performance.now() - t);
  }
  predictor.dispose();

  const perSecond = (n: number, s: number) => Math.round(n / s);
  const result = {
    name: 'predict',
    unit: 'rows/s',
    kiln: perSecond(rows, kiln.cpu),
    reference: perSecond(rows, reference.cpu),
    ratio: round(reference.cpu / kiln.cpu, 3),
    referenceTool: 'papaparse streaming parse (chunk callback) + Papa.unparse write-back, 4096-row batches (no model)',
    clock: 'cpu',
    wall: { kiln: perSecond(rows, kiln.wall), reference: perSecond(rows, reference.wall) },
    rows,
    rowErrors: kiln.errors,
    fileMB: round(bytes / 1024 / 1024),
    baselineRssMB: kiln.baseRssMB,
    peakRssMB: kiln.peakRssMB,
    referenceBaselineRssMB: reference.baseRssMB,
    referencePeakRssMB: reference.peakRssMB,
    single: { calls: singles, ...latencyStats(ms) },
    quick,
  };
  const line = JSON.stringify(result);
  console.log(line);
  writeFileSync(new URL('./results/predict.json', import.meta.url), line + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
