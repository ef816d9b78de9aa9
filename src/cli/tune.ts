import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageSet } from '../core/collect/image-set.ts';
import type { Table } from '../core/collect/table.ts';
import { KilnError } from '../core/errors.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import type { TrainEvent } from '../core/train/protocol.ts';
import type { TrialRow, TuneEvent, TuningReport } from '../core/tune/protocol.ts';
import type { TrainedModel } from '../../workers/train/pipeline.ts';
import { runTuning, type TuneOptions } from '../../workers/tune/run-tuning.ts';

/**
 * `kiln run` on a spec with `tuning`: runs the search, prints one line per trial on stderr,
 * writes `<outDir>/trials.json` (also when the search stops or every trial fails) and returns
 * the model retrained with the best trial, whose outputs the caller writes as for any run.
 */
export async function tuneForRun(
  spec: PipelineSpec,
  data: Table | ImageSet,
  opts: Omit<TuneOptions, 'onEvent'> & { onEvent: (e: TrainEvent) => void },
  outDir: string,
): Promise<TrainedModel> {
  let partial: TuningReport | null = null;
  const onEvent = (e: TuneEvent) => {
    if (e.status === 'tune-start') {
      const { status: _, ...setup } = e;
      partial = { ...setup, bestId: null, stopped: false, trials: [] };
      console.error(`kiln: tuning ${e.strategy}, up to ${e.maxTrials} trials, ${e.direction} ${e.objective} over ${Object.keys(e.space).join(', ')}`);
    } else if (e.status === 'trial-end') {
      partial?.trials.push(e.row);
      if (partial) partial.bestId = e.bestId;
      console.error(`kiln: ${trialLine(e.row, partial?.maxTrials ?? 0, e.bestId)}`);
    } else if (e.status === 'retrain') {
      console.error(`kiln: retraining with trial ${e.best.id}'s hyperparameters`);
    } else if (e.status !== 'trial-start' && e.status !== 'trial-epoch') {
      opts.onEvent(e);
    }
  };
  try {
    const { report, trained } = await runTuning(spec, data, { ...opts, onEvent });
    await writeTrials(outDir, report);
    if (!trained) throw new KilnError(`stopped after ${report.trials.length} trials; wrote ${join(outDir, 'trials.json')}, no model (run again to finish the search)`);
    return trained;
  } catch (e) {
    // The trials that did run are worth keeping, even when the job as a whole failed.
    const report = partial as TuningReport | null;
    if (report && !(e instanceof KilnError && /^stopped after/.test(e.message))) await writeTrials(outDir, report);
    throw e;
  }
}

/** Writes trials.json: the setup, the best trial's id, then every trial in order. */
async function writeTrials(outDir: string, report: TuningReport): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const { trials, ...head } = report;
  await writeFile(join(outDir, 'trials.json'), JSON.stringify({ ...head, trials }, null, 2) + '\n');
}

/**
 * One trial as a line: number, status, objective, the hyperparameters, epochs and time.
 *
 * trialLine(row, 12, 3) // → "trial 3/12 completed 0.9545 ★ best so far  learningRate 0.0031 batchSize 32 (2 epochs, 412 ms)"
 */
export function trialLine(row: TrialRow, maxTrials: number, bestId: number | null): string {
  const params = Object.entries(row.hyperparameters)
    .map(([path, v]) => `${path.split('.').at(-1)} ${typeof v === 'number' ? +v.toPrecision(3) : JSON.stringify(v)}`)
    .join(' ');
  const objective = row.objective === null ? '—' : row.objective.toFixed(4);
  const best = row.id === bestId ? ' ★ best so far' : '';
  const why = row.message ? `: ${row.message}` : '';
  return `trial ${row.id}/${maxTrials} ${row.status} ${objective}${best}  ${params} (${row.epochs} epoch${row.epochs === 1 ? '' : 's'}, ${row.ms} ms)${why}`;
}
