import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BASELINE_FILES, checkBatch, driftFile, parseBaselineFiles, violationsFile, type Baseline, type MonitorReport } from '../core/monitor/index.ts';
import { loadPredictor } from '../../workers/deploy/predictor.ts';
import type { MonitorCommand } from './monitor-args.ts';
import { readImageBatch, readTableBatch } from './monitor-input.ts';
import { readModelDir } from './model-dir.ts';

/** What a finished `kiln monitor` found and wrote. */
export interface MonitorSummary {
  report: MonitorReport;
  /** Rows the model could not predict, and the first reasons. */
  errors: number;
  sampleErrors: string[];
  written: string[];
}

/** Reads statistics.json, constraints.json and baseline.json from a model folder; a missing or broken one is a KilnError naming it. */
export async function readBaseline(dir: string): Promise<Baseline> {
  const files: Record<string, Uint8Array | undefined> = {};
  for (const name of BASELINE_FILES) files[name] = await readFile(join(dir, name)).then((b) => new Uint8Array(b), () => undefined);
  return parseBaselineFiles(files, dir);
}

/**
 * `kiln monitor`: loads the model and its baseline, reads and predicts the batch (a CSV, or a
 * folder / zip of images for an image model), checks it, and writes `<out>/violations.json` (Model
 * Monitor's constraint_violations.json format) and `<out>/drift.json` (the MonitorReport).
 *
 * await runMonitor({ kind: 'monitor', modelDir: 'out/iris/model', input: 'may.csv', out: 'mon', batch: 4096, thresholds: {}, verbose: false })
 * // → { report: { rows: 150, violations: [], … }, errors: 0, sampleErrors: [], written: ['mon/violations.json', 'mon/drift.json'] }
 */
export async function runMonitor(command: MonitorCommand): Promise<MonitorSummary> {
  const { dir, files } = await readModelDir(command.modelDir);
  const baseline = await readBaseline(dir);
  const predictor = await loadPredictor(files, { dir, batchSize: command.batch });
  try {
    const batch = predictor.doc.kind === 'images' ? await readImageBatch(predictor, command.input, command.batch) : await readTableBatch(predictor, command.input, command.batch);
    const report = checkBatch(baseline, batch.table, { predictions: batch.predictions, probabilities: batch.probabilities, thresholds: command.thresholds });
    await mkdir(command.out, { recursive: true });
    const written = [join(command.out, 'violations.json'), join(command.out, 'drift.json')];
    await writeFile(written[0], violationsFile(report));
    await writeFile(written[1], driftFile(report));
    return { report, errors: batch.errors, sampleErrors: batch.sampleErrors, written };
  } finally {
    predictor.dispose();
  }
}

/**
 * A few lines for the terminal:
 * checked 500 rows: 2 violations, 1 of 5 features drifted, predictions drifted, accuracy 0.81 (baseline 0.93, goal 0.9)
 *   age: baseline_drift_check — distribution differs from the baseline: PSI 0.412, …
 */
export function monitorSummary(s: MonitorSummary): string {
  const r = s.report;
  const drifted = r.features.filter((f) => f.drifted).length;
  const parts = [
    `${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}`,
    `${drifted} of ${r.features.length} features drifted`,
    r.prediction ? (r.prediction.drifted ? 'predictions drifted' : 'predictions stable') : 'no prediction drift measured',
  ];
  if (r.concept) {
    const c = r.concept;
    const goal = c.target === null ? '' : `, goal ${c.target}`;
    parts.push(`${c.metric} ${round(c.batch)} (baseline ${round(c.baseline)}${goal})${c.drifted ? ': concept drift' : ''}${c.missesGoal ? ', misses the goal' : ''}`);
  }
  const lines = [`checked ${r.rows} row${r.rows === 1 ? '' : 's'}: ${parts.join(', ')}`];
  for (const v of r.violations.slice(0, 10)) lines.push(`  ${v.feature_name}: ${v.constraint_check_type} — ${v.description}`);
  if (r.violations.length > 10) lines.push(`  … and ${r.violations.length - 10} more in ${s.written[0]}`);
  if (s.errors > 0) lines.push(`  ${s.errors} row${s.errors === 1 ? '' : 's'} could not be predicted, e.g. ${s.sampleErrors[0]}`);
  lines.push(r.retrainAdvised ? `retraining advised: ${r.retrainReasons.join('; ')}` : 'no drift: the model still fits this data');
  lines.push(`→ ${s.written.join(', ')}`);
  return lines.join('\n');
}

function round(v: number): string {
  return String(Number(v.toPrecision(3)));
}
