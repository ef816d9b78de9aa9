import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { isKilnError, KilnError } from '../core/errors.ts';
import { userMessage } from '../core/user-error.ts';
import { epochBudgetFor } from '../core/train/epoch-budget.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import type { SplitMetrics, TrainEvent } from '../core/train/protocol.ts';
import { disposeModel } from '../../workers/train/model.ts';
import { trainOn } from '../../workers/train/pipeline.ts';
import { describeModelChoice } from '../core/train/model-choice.ts';
import { parseArgs, usage, type PredictCommand, type ServeCommand } from './args.ts';
import { parseModelDoc } from '../core/deploy/predict/model-doc-parse.ts';
import { writeExports } from './exports.ts';
import { findServeBundle } from './serve-bundle.ts';
import type { Table } from '../core/collect/table.ts';
import { importanceMetric } from '../core/evaluate/explain-examples.ts';
import type { TrainedTable } from '../../workers/train/adapter.ts';
import { trainedImportance } from '../../workers/evaluate/importance.ts';
import { writeOutputs } from './outputs.ts';
import { loadProjectFile, loadTrainingData } from './source.ts';
import { readSpecFile } from './spec-file.ts';
import type { ImageSet } from '../core/collect/image-set.ts';
import { predictSummaryLine, runPredict } from './predict.ts';
import { monitorSummary, runMonitor } from './monitor.ts';
import { startServer } from './serve.ts';
import { tuneForRun } from './tune.ts';
import { sagemakerTrain } from './sagemaker-train.ts';
import { writeSageMakerJob } from './sagemaker-job.ts';

/** Runs the CLI and returns its exit code; user errors print one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      console.log(usage);
      return 0;
    }
    tf.env().set('PROD', true); // silences the "install tfjs-node" banner and debug checks
    if (command.kind === 'predict') return await predict(command);
    if (command.kind === 'serve') return await serve(command);
    if (command.kind === 'sagemaker-train') return await sagemakerTrain();
    if (command.kind === 'sagemaker-job') return await writeSageMakerJob(command);
    if (command.kind === 'monitor') {
      console.log(monitorSummary(await runMonitor(command)));
      return 0; // drift is a finding, not a failure: only unusable input exits non-zero
    }
    const { spec, bundled, epochBudgetMs } = await loadSpec(command.specPath);
    const specDir = dirname(resolve(command.specPath));
    let stop = false;
    const onSigint = () => {
      if (stop) process.exit(130);
      stop = true;
      console.error('kiln: stopping after this batch (Ctrl-C again to quit now)');
    };
    process.on('SIGINT', onSigint);
    const options = { backend: command.backend, shouldStop: () => stop, epochBudgetMs, onEvent: (e: TrainEvent) => report(e, command.verbose, epochBudgetMs) };
    const data = bundled ?? (await loadTrainingData(spec, specDir));
    const run = await (spec.tuning ? tuneForRun(spec, data, options, command.outDir) : trainOn(spec, data, options)).finally(() => process.off('SIGINT', onSigint));
    if (run.result.modelChoice) console.error(`kiln: model ${describeModelChoice(run.result.modelChoice)}`);
    try {
      const files = await run.files();
      const featureImportance = run.kind === 'table' && 'columns' in data ? await runImportance(run, data) : null;
      await writeOutputs(command.outDir, run.result, files, { featureImportance });
      if (command.exports.length > 0) {
        const doc = parseModelDoc(files['preprocessing.json'], 'preprocessing.json');
        const { validation, test } = run.result;
        const serveBundle = command.exports.includes('sagemaker') ? await findServeBundle() : undefined;
        const context = { doc, metrics: { validation, test }, fingerprint: run.fingerprint, createdAt: new Date().toISOString(), region: command.region, serveBundle };
        await writeExports(command.outDir, command.exports, files, context);
      }
    } finally {
      disposeModel(run.model);
    }
    console.log(summary(run.result.test.metrics, command.outDir, command.exports));
    return 0;
  } catch (e) {
    // TF.js's own words ("Pass at least one tensor to concat") become a sentence; --verbose keeps them.
    console.error(`kiln: ${userMessage(e, 'the run')}`);
    if (verbose && e instanceof Error && !isKilnError(e)) console.error(e.stack);
    return 1;
  }
}

/** Above this many raw columns permutation importance (columns² work) would take far longer than the training. */
const importanceColumnLimit = 1000;

/** metrics.json's featureImportance: 5 seeded shuffles per raw column on the validation split, scored by the goal's metric. */
function runImportance(run: TrainedTable, data: Table) {
  if (data.columns.length > importanceColumnLimit) {
    console.error(`kiln: warning: feature importance skipped: ${data.columns.length} columns is more than ${importanceColumnLimit} (each column re-scores the model 5 times); metrics.json has featureImportance null`);
    return Promise.resolve(null);
  }
  const metric = importanceMetric(run.result.spec.goal.metric, run.result.task);
  return trainedImportance(run, data, { metric, repeats: 5, seed: run.result.spec.seed });
}

/** `kiln predict`: Ctrl-C stops between chunks and leaves no output file. */
async function predict(command: PredictCommand): Promise<number> {
  const stop = new AbortController();
  const onSigint = () => (stop.signal.aborted ? process.exit(130) : stop.abort());
  process.on('SIGINT', onSigint);
  try {
    console.log(predictSummaryLine(await runPredict(command, stop.signal)));
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `kiln serve`: runs until SIGTERM (how SageMaker and docker stop a container) or Ctrl-C, then closes gracefully. */
async function serve(command: ServeCommand): Promise<number> {
  // The SageMaker package names the model's folder in KILN_MODEL_DIR; /opt/ml/model is searched otherwise.
  const server = await startServer({ ...command, modelDir: command.modelDir ?? process.env.KILN_MODEL_DIR });
  console.error(`kiln: serving ${server.modelDir} on http://${command.host}:${server.port} (GET /ping, POST /invocations)`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  await server.close();
  return 0;
}

/** A bare spec, or a .kiln project's spec with the data bundled in it (null when it was left out). */
export async function loadSpec(path: string): Promise<{ spec: PipelineSpec; bundled: Table | ImageSet | null; epochBudgetMs?: number }> {
  if (/\.kiln$/i.test(path)) return loadProjectFile(path);
  const { spec, json } = await readSpecFile(path);
  // A spec that leaves the epochs to Kiln also gets a time budget, so a default run finishes (epoch-budget.ts).
  return { spec, bundled: null, epochBudgetMs: epochBudgetFor(json) };
}

function report(e: TrainEvent, verbose: boolean, budgetMs?: number): void {
  if (e.status === 'fold') console.error(`kiln: fold ${e.fold}/${e.folds} ${foldLine(e.metrics)}`);
  if (e.status === 'warning') console.error(`kiln: warning: ${e.message}`);
  if (e.status === 'backend') console.error(`kiln: backend ${e.choice.name} (${e.choice.reason})`);
  if (e.status === 'split') console.error(`kiln: split train ${e.counts.train}, validation ${e.counts.validation}, test ${e.counts.test}`);
  if (e.status === 'epoch' && e.logs.epoch === 1 && e.epochs > 1) console.error(`kiln: ${estimateLine(e.logs.ms, e.epochs, budgetMs)}`);
  if (e.status === 'epoch' && (verbose || e.logs.epoch === e.epochs || e.logs.epoch % 10 === 0)) {
    const l = e.logs;
    const parts = [`epoch ${l.epoch}/${e.epochs}`, `loss ${l.loss.toFixed(4)}`];
    if (l.valLoss !== undefined) parts.push(`val_loss ${l.valLoss.toFixed(4)}`);
    if (l.valAcc !== undefined) parts.push(`val_acc ${l.valAcc.toFixed(3)}`);
    console.error(`kiln: ${parts.join('  ')}`);
  }
}

/** The first epoch's time and what the whole run should take, e.g. "epoch 1 took 6.1 s; about 6 min for 60 epochs (early stopping may end sooner)". */
function estimateLine(ms: number, epochs: number, budgetMs?: number): string {
  const total = (ms * epochs) / 1000;
  if (budgetMs !== undefined && total * 1000 > budgetMs) {
    return `epoch 1 took ${(ms / 1000).toFixed(1)} s; ${epochs} epochs would take about ${Math.round(total / 60)} min, so this run stops within about ${Math.round(budgetMs / 60_000)} min (set train.epochs to choose)`;
  }
  const about = total < 90 ? `${Math.round(total)} s` : total < 5400 ? `${Math.round(total / 60)} min` : `${(total / 3600).toFixed(1)} h`;
  return `epoch 1 took ${(ms / 1000).toFixed(1)} s; about ${about} for ${epochs} epochs (early stopping may end sooner)`;
}

function summary(metrics: object, outDir: string, exports: readonly string[]): string {
  const pairs = Object.entries(metrics)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${(v as number).toFixed(4)}`);
  return `test: ${pairs.join(', ')}\nwrote ${outDir}/metrics.json, predictions.csv, model/${exports.length ? `, export/{${exports.join(',')}}` : ''}`;
}

function foldLine(m: SplitMetrics): string {
  return m.task === 'classification' ? `accuracy ${m.metrics.accuracy.toFixed(4)}, f1Macro ${m.metrics.f1Macro.toFixed(4)}` : `rmse ${m.metrics.rmse.toFixed(4)}, r2 ${m.metrics.r2.toFixed(4)}`;
}
