// The browser half of `npm run bench -- predict-browser`: in the app's own worker, trains the
// bench model on penguins, runs the Deploy stage's batch job over a generated CSV File and times
// live predictions page → worker → page; leaves the result on window.benchResult.
import * as Comlink from 'comlink';
import type { KilnWorkerApi } from '../../workers/kiln.worker.ts';
import { validateSpec } from '../../src/core/spec/validate.ts';
import { latencyStats, predictCsvBlocks, predictRecordsSample, predictSpec } from '../lib/predict-data.ts';

declare global {
  interface Window {
    benchResult?: unknown;
  }
}

const params = new URLSearchParams(location.search);
const rows = Number(params.get('rows') ?? 100_000);
const liveCalls = Number(params.get('live') ?? 500);
const status = document.getElementById('status')!;

try {
  const worker = new Worker(new URL('../../workers/kiln.worker.ts', import.meta.url), { type: 'module', name: 'kiln' });
  const api = Comlink.wrap<KilnWorkerApi>(worker);
  await api.loadCsv(await (await fetch('/data/penguins.csv')).text(), 'penguins.csv', 'species');
  const checked = validateSpec(predictSpec);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  await api.train(checked.spec, Comlink.proxy(() => {}));
  // The exported model goes back to Node, so its reference run predicts with the very same weights.
  const model = await api.exportModel('tfjs');
  const file = new File([...predictCsvBlocks(rows)], 'predict.csv', { type: 'text/csv' });

  status.textContent = `Predicting ${rows} rows…`;
  await api.predictBatch(new File([...predictCsvBlocks(5000)], 'warm.csv'));
  const batchStart = Date.now();
  const started = performance.now();
  const outcome = await api.predictBatch(file);
  const wall = performance.now() - started;
  const batchEnd = Date.now();

  status.textContent = `Timing ${liveCalls} live predictions…`;
  const records = predictRecordsSample(200)
    .filter((r) => r.bill_length_mm !== 'long')
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : v])));
  for (const r of records.slice(0, 50)) await api.predictLive(r);
  const ms: number[] = [];
  const workerMs: number[] = [];
  for (let i = 0; i < liveCalls; i++) {
    const t = performance.now();
    const p = await api.predictLive(records[i % records.length]);
    ms.push(performance.now() - t);
    workerMs.push(p.ms);
  }

  window.benchResult = {
    rows: outcome.rows,
    errors: outcome.errors,
    fileBytes: file.size,
    outputBytes: outcome.csv.size,
    wallMs: wall,
    workerMs: outcome.ms,
    batchStart,
    batchEnd,
    live: { calls: liveCalls, ...latencyStats(ms), worker: latencyStats(workerMs) },
    model: { name: model.name, bytes: Array.from(model.bytes) },
    crossOriginIsolated,
  };
  status.textContent = 'Done.';
  worker.terminate();
} catch (e) {
  window.benchResult = { error: (e as Error).stack ?? String(e) };
  status.textContent = `Failed: ${(e as Error).message}`;
}
