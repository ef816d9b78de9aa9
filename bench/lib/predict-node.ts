/** The Node halves of the prediction benchmarks: a trained model, the generated file, the batch job and its floor. */
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import Papa from 'papaparse';
import { runPredict } from '../../src/cli/predict.ts';
import { parseCsv } from '../../src/core/collect/csv.ts';
import { defaultChunkSize } from '../../src/core/collect/csv-ingest.ts';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { validateSpec } from '../../src/core/spec/validate.ts';
import { exportModelFiles } from '../../workers/train/export.ts';
import { disposeModel } from '../../workers/train/model.ts';
import { trainOn } from '../../workers/train/pipeline.ts';
import { predictCsvBlocks, predictSpec } from './predict-data.ts';

const MB = 1024 * 1024;
/** Rows per forward pass: `kiln predict`'s default, and the page's. */
export const batchRows = 4096;

/** predictSpec trained in-process on the bundled penguins file, as exported model files. */
export async function trainPredictModel(): Promise<ModelFiles> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const checked = validateSpec(predictSpec);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const text = readFileSync(fileURLToPath(new URL('../../public/data/penguins.csv', import.meta.url)), 'utf8');
  const run = await trainOn(checked.spec, parseCsv(text, 'penguins.csv'), { backend: 'cpu' });
  const files = await exportModelFiles(run);
  disposeModel(run.model);
  return files;
}

/** Writes predictCsvBlocks(rows) to `path`; returns its size in bytes. */
export async function writePredictCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const block of predictCsvBlocks(rows)) {
    bytes += Buffer.byteLength(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return bytes;
}

/** Timings of one pass over the file: CPU seconds (user + system), wall seconds, peak RSS. */
export interface Pass {
  rows: number;
  errors: number;
  cpu: number;
  wall: number;
  peakRssMB: number;
  baseRssMB: number;
}

/** `kiln predict <dir> <file> --out <out>` in-process: the streaming batch job with its file sink. */
export function kilnPass(modelDir: string, input: string, out: string): Promise<Pass> {
  tf.env().set('PROD', true); // as `kiln`'s main() does
  return timed(async () => {
    const s = await runPredict({ kind: 'predict', modelDir, input, out, batch: batchRows, verbose: false });
    return { rows: s.rows, errors: s.errors };
  });
}

/**
 * The floor without a model: PapaParse's streaming parser over the same file (its chunk callback;
 * its NODE_STREAM_INPUT duplex is ~50× slower, a row per stream event), rows written back
 * unchanged in the same 4,096-row batches, pausing the parser while the disk catches up.
 */
export function referencePass(input: string, out: string): Promise<Pass> {
  return timed(async () => {
    const sink = createWriteStream(out);
    let pending: string[][] = [];
    let count = -1; // the header is not a data row
    const flush = () => {
      const ok = sink.write(Papa.unparse(pending, { newline: '\n' }) + '\n');
      pending = [];
      return ok;
    };
    await new Promise<void>((resolve, reject) =>
      Papa.parse<string[]>(createReadStream(input, { highWaterMark: defaultChunkSize }), {
        skipEmptyLines: true,
        chunk: (results, parser) => {
          let ok = true;
          for (const row of results.data) {
            count++;
            pending.push(row);
            if (pending.length >= batchRows) ok = flush() && ok;
          }
          // One pause per chunk and one resume per pause: a second resume() makes Papa poll forever.
          if (!ok) {
            parser.pause();
            sink.once('drain', () => parser.resume());
          }
        },
        complete: () => resolve(),
        error: reject,
      }),
    );
    if (pending.length > 0) flush();
    sink.end();
    await finished(sink);
    return { rows: count, errors: 0 };
  });
}

/** Runs `job` after a GC, sampling RSS every 50 ms. */
async function timed(job: () => Promise<{ rows: number; errors: number }>): Promise<Pass> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  try {
    const { rows, errors } = await job();
    const { user, system } = process.cpuUsage(cpu0);
    const wall = (performance.now() - wall0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { rows, errors, cpu: (user + system) / 1e6, wall, peakRssMB: round(peak / MB), baseRssMB: round(base / MB) };
  } finally {
    clearInterval(timer);
  }
}

export function round(x: number, digits = 1): number {
  return Number(x.toFixed(digits));
}
