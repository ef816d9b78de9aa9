import type { DriftThresholds } from '../core/monitor/protocol.ts';
import { readOptions } from './args.ts';

/** `kiln monitor <model-dir> <batch> --out <dir>`: checks a new batch against the model's baseline. */
export interface MonitorCommand {
  kind: 'monitor';
  modelDir: string;
  /** A CSV (table model), or a folder / .zip of images (image model). */
  input: string;
  out: string;
  /** Rows per forward pass when predicting the batch. */
  batch: number;
  thresholds: Partial<DriftThresholds>;
  verbose: boolean;
}

/** Threshold options and the DriftThresholds field each sets. */
const thresholdOptions: Record<string, keyof DriftThresholds> = {
  '--psi': 'psi',
  '--ks-p': 'ksPValue',
  '--ks-stat': 'ksStatistic',
  '--chi-p': 'chiSquarePValue',
  '--metric-drop': 'metricDrop',
};

/** Parses `kiln monitor`'s arguments (after the command name); throws an Error with a one-line message. */
export function parseMonitor(rest: readonly string[]): MonitorCommand {
  const { values, flags, positionals } = readOptions(rest, ['--out', '-o', '--batch', ...Object.keys(thresholdOptions)], ['--verbose', '-v']);
  const [modelDir, input, extra] = positionals;
  const hint = 'kiln monitor <model-dir> <batch.csv> --out <dir>';
  if (!modelDir || !input) throw new Error(`missing the ${modelDir ? 'batch file' : 'model directory'}: ${hint}`);
  if (extra !== undefined) throw new Error(`unexpected argument '${extra}'`);
  const out = values.get('--out') ?? values.get('-o');
  if (!out) throw new Error(`missing --out <dir>: ${hint}`);
  const batchText = values.get('--batch');
  const batch = batchText === undefined ? 4096 : Number(batchText);
  if (!/^\d+$/.test(batchText ?? '1') || batch < 1 || batch > 1_000_000) throw new Error(`--batch must be a whole number from 1 to 1000000 (got '${batchText}')`);
  const thresholds: Partial<DriftThresholds> = {};
  for (const [option, key] of Object.entries(thresholdOptions)) {
    const text = values.get(option);
    if (text === undefined) continue;
    const v = Number(text);
    if (!Number.isFinite(v) || v < 0 || text.trim() === '') throw new Error(`${option} must be a number of 0 or more (got '${text}')`);
    thresholds[key] = v;
  }
  return { kind: 'monitor', modelDir, input, out, batch, thresholds, verbose: flags.has('--verbose') || flags.has('-v') };
}
