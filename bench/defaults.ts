/**
 * Are Kiln's defaults hard to beat? For each public table and seed, Kiln trains with a spec of
 * only version/data/seed (all defaults, CPU backend) and scikit-learn fits a standardized
 * LogisticRegression (classification) or LinearRegression (regression) on exactly Kiln's rows:
 * the same parsed columns, median/most-frequent imputation and one-hot categories, fitted on
 * train + validation (sklearn has no early stopping, so validation rows would otherwise be wasted;
 * the train-only fit is reported too), and both are scored on Kiln's test rows.
 *
 * npm run bench -- defaults [--quick] [--seeds N] [--tables iris,wine] [--spec '{"train":{…}}']
 * // → {"name":"defaults","unit":"score ratio","kiln":…,"reference":…,"ratio":…,"tables":{…}}
 *
 * ratio = mean over tables of (Kiln's mean score ÷ sklearn's mean score), where the score is test
 * accuracy for classification and test R² for regression; `kiln`/`reference` are the means of
 * those scores over tables. `--spec` overlays fields to try a candidate default (not saved).
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTable, runKiln, type BenchTable, type SklearnJob } from './lib/defaults-kiln.ts';
import { overallRatio, summariseTable, type Scores, type SeedResult } from './lib/defaults-report.ts';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = args.includes('--quick');
const seeds = Array.from({ length: Number(option('--seeds') ?? (quick ? 2 : 10)) }, (_, i) => i + 1);
const extra = JSON.parse(option('--spec') ?? '{}') as Record<string, unknown>;
const only = option('--tables')?.split(',');
const python = '/usr/bin/python3'; // Debian's python3-sklearn; the pyenv python3 on PATH lacks it
const script = fileURLToPath(new URL('./lib/defaults_sklearn.py', import.meta.url));
const bundled = (file: string) => fileURLToPath(new URL(`../public/data/${file}`, import.meta.url));

const hasSklearn = spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;
if (!hasSklearn) {
  console.error(`defaults: scikit-learn not found in ${python} (apt-get install python3-sklearn); running Kiln on the bundled tables only, with no reference`);
}

const dir = mkdtempSync(join(tmpdir(), 'kiln-defaults-'));
try {
  if (hasSklearn) sklearn(['export', dir]);
  const exported = (name: string, label: string, task: BenchTable['task']): BenchTable => ({ name, path: join(dir, `${name}.csv`), label, task });
  const tables: BenchTable[] = [
    ...(hasSklearn ? [exported('breast-cancer', 'diagnosis', 'classification'), exported('wine', 'cultivar', 'classification')] : []),
    { name: 'iris', path: bundled('iris.csv'), label: 'species', task: 'classification' as const },
    { name: 'penguins', path: bundled('penguins.csv'), label: 'species', task: 'classification' as const },
    ...(hasSklearn ? [exported('diabetes', 'progression', 'regression')] : []),
    { name: 'cars', path: bundled('cars.csv'), label: 'Miles_per_Gallon', task: 'regression' as const },
  ].filter((t) => !only || only.includes(t.name));

  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const perTable: Record<string, ReturnType<typeof summariseTable>> = {};
  for (const table of tables) {
    const raw = await loadTable(table);
    const runs = [];
    for (const seed of seeds) runs.push({ seed, ...(await runKiln(table, raw, seed, extra)) });
    if (!hasSklearn) {
      console.error(`${table.name}: ${JSON.stringify(runs.map((r) => r.job.kiln.length))} test rows; no reference`);
      continue;
    }
    const scored = JSON.parse(sklearn(['fit'], JSON.stringify(runs.map((r) => r.job)))) as { kiln: Scores; reference: Scores; trainOnly: Scores }[];
    const results: SeedResult[] = runs.map((r, i) => ({ seed: r.seed, testRows: r.job.test.length, epochs: r.epochs, bestEpoch: r.bestEpoch, seconds: r.seconds, picked: r.picked, ...scored[i] }));
    perTable[table.name] = summariseTable(table.task, results);
    const t = perTable[table.name];
    console.error(`${table.name.padEnd(14)} ${t.metric} kiln ${t.kiln} sklearn ${t.reference} (train only ${t.trainOnly}): ${t.gap}; ${t.epochs} epochs, ${t.seconds}s, linear kept ${t.linearPicked}`);
  }
  if (hasSklearn) report(perTable);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function report(perTable: Record<string, ReturnType<typeof summariseTable>>): void {
  const list = Object.values(perTable);
  const avg = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10000) / 10000;
  const result = {
    name: 'defaults',
    unit: 'score ratio (accuracy | R²)',
    kiln: avg(list.map((t) => t.kiln)),
    reference: avg(list.map((t) => t.reference)),
    ratio: overallRatio(list),
    referenceTool: 'scikit-learn StandardScaler + LogisticRegression | LinearRegression, fit on train + validation',
    seeds,
    atLeastReference: list.filter((t) => t.kiln >= t.reference).length + ' of ' + list.length,
    quick,
    ...(Object.keys(extra).length ? { spec: extra } : {}),
    tables: perTable,
  };
  const line = JSON.stringify(result);
  console.log(line);
  // A candidate tried with --spec is not the benchmark of the defaults, so it is not saved.
  if (!Object.keys(extra).length && !only) writeFileSync(new URL('./results/defaults.json', import.meta.url), line + '\n');
}

/** Runs the reference script; throws with its stderr when it fails. */
function sklearn(argv: string[], input?: string): string {
  const run = spawnSync(python, [script, ...argv], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`defaults_sklearn.py ${argv[0]} failed: ${run.stderr}`);
  return run.stdout;
}
